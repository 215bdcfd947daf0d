package cn.keywork.supervision.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies a bearer token against the service's own key, or, when its (as yet unverified) issuer is
 * the configured external one, against that issuer's key: the issuer only chooses the key, the
 * signature, expiry and issuer are then checked in full.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class IssuerAwareJwtParser extends DefaultJWTParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<JWTAuthContextInfo> external;
    private final ExternalIssuer issuer;

    IssuerAwareJwtParser(JWTAuthContextInfo own, ExternalIssuer issuer) {
        super(own);
        this.issuer = issuer;
        this.external = issuer.contextInfo();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (external.isPresent() && issuer.isIssuer(claimedIssuer(token))) {
            return parse(token, external.get());
        }
        return super.parse(token);
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
