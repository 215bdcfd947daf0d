package cn.keywork.supervision.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import io.smallrye.jwt.build.Jwt;

/** Signs the service's access tokens (RS256). Blocking (key loading, RSA): run through {@link Offload}. */
@ApplicationScoped
public class TokenIssuer {

    public static final String AUDIENCE = "key-work-supervision";
    /** When the token was issued, in milliseconds: {@code iat} has whole seconds only, too coarse to tell
     * a token issued just before a sign-out from one issued just after it. */
    static final String ISSUED_AT_MILLIS_CLAIM = "iat_ms";

    private final String issuer;
    private final Duration lifetime;

    TokenIssuer(SupervisionConfig config) {
        this.issuer = config.security().issuer();
        this.lifetime = config.security().accessTokenLifetime();
    }

    public String accessToken(UUID userId, String username, Set<Role> roles, UUID unitId, boolean mustChangePassword) {
        // Real time, not the service's clock: the JWT library checks expiry against the system clock.
        Instant now = Instant.now();
        var builder = Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(userId.toString())
                .upn(username)
                .groups(roles.stream().map(Enum::name).collect(Collectors.toSet()))
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(lifetime).getEpochSecond())
                .claim(ISSUED_AT_MILLIS_CLAIM, now.toEpochMilli())
                .claim("jti", UUID.randomUUID().toString());
        if (unitId != null) {
            builder.claim(AccessFilter.UNIT_CLAIM, unitId.toString());
        }
        if (mustChangePassword) {
            builder.claim(AccessFilter.PASSWORD_CHANGE_CLAIM, true);
        }
        return builder.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign();
    }

    public Duration lifetime() {
        return lifetime;
    }
}
