package cn.keywork.supervision.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.platform.SupervisionConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token against the service's own key, or, when its (as yet unverified) issuer is
 * the configured external one, against that issuer's key: the issuer only chooses the key, the
 * signature, expiry and issuer are then checked in full. A token claiming to be issued (or valid
 * from) later than now, beyond a small clock skew, is refused: it would otherwise outlive its lifetime.
 * A token once verified is remembered, by its exact text, until it expires: a client sends the same
 * token with every request, and checking its signature and claims again cost more than the rest of a
 * simple read. Revocation is not part of this check (the access filter asks for it on every request).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class IssuerAwareJwtParser extends DefaultJWTParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far more than the accounts active at one time in a province; an evicted token is simply verified again. */
    private static final int REMEMBERED_TOKENS = 2048;

    private final Optional<JWTAuthContextInfo> external;
    private final ExternalIssuer issuer;
    private final long skewSeconds;
    private final Cache<String, JsonWebToken> verified;

    IssuerAwareJwtParser(JWTAuthContextInfo own, ExternalIssuer issuer, SupervisionConfig config) {
        super(own);
        this.issuer = issuer;
        this.external = issuer.contextInfo();
        this.skewSeconds = config.security().clockSkew().toSeconds();
        this.verified = Caffeine.newBuilder()
                .maximumSize(REMEMBERED_TOKENS)
                .expireAfterWrite(Duration.ofMinutes(15))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && Instant.now().getEpochSecond() < known.getExpirationTime()) {
            return known;
        }
        JsonWebToken parsed = verify(token);
        verified.put(token, parsed);
        return parsed;
    }

    private JsonWebToken verify(String token) throws ParseException {
        JsonWebToken parsed = external.isPresent() && issuer.isIssuer(claimedIssuer(token))
                ? parse(token, external.get())
                : super.parse(token);
        // Real time, as the library's own expiry check uses.
        long latest = Instant.now().getEpochSecond() + skewSeconds;
        if (parsed.getIssuedAtTime() > latest || seconds(parsed.getClaim("nbf")) > latest) {
            throw new ParseException("The token is not valid yet (iat or nbf in the future).");
        }
        return parsed;
    }

    private static long seconds(Object claim) {
        if (claim instanceof Number number) {
            return number.longValue();
        }
        if (claim instanceof jakarta.json.JsonNumber number) {
            return number.longValue();
        }
        return Long.MIN_VALUE;
    }

    private static String claimedIssuer(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.path("iss").asText(null);
        } catch (Exception e) {
            return null;
        }
    }
}
