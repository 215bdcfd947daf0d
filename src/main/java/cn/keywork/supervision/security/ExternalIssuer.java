package cn.keywork.supervision.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * A city single sign-on whose tokens the service also accepts: its issuer, its public key (PEM or
 * JWKS, file or URL) and the claims that carry roles and unit. Off unless the issuer is set.
 */
@ApplicationScoped
public class ExternalIssuer {

    private final Optional<String> issuer;
    private final Optional<String> publicKeyLocation;
    private final String rolesClaim;
    private final String unitClaim;
    private final Optional<String> audience;

    ExternalIssuer(SupervisionConfig config) {
        SupervisionConfig.External external = config.security().external();
        this.issuer = external.issuer();
        this.publicKeyLocation = external.publicKeyLocation();
        this.rolesClaim = external.rolesClaim();
        this.unitClaim = external.unitClaim();
        this.audience = external.audience();
        if (issuer.isPresent() && publicKeyLocation.isEmpty()) {
            throw new IllegalStateException("supervision.security.external.issuer is set without a public-key-location");
        }
    }

    public boolean isIssuer(String candidate) {
        return issuer.isPresent() && issuer.get().equals(candidate);
    }

    public String unitClaim() {
        return unitClaim;
    }

    /** How to verify the external issuer's tokens; empty when none is configured. */
    Optional<JWTAuthContextInfo> contextInfo() {
        return issuer.map(iss -> {
            JWTAuthContextInfo info = new JWTAuthContextInfo(publicKeyLocation.orElseThrow(), iss);
            info.setGroupsPath(rolesClaim);
            audience.ifPresent(aud -> info.setExpectedAudience(java.util.Set.of(aud)));
            return info;
        });
    }
}
