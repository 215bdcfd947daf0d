package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** A token the service did not issue, or no longer honours, is refused with 401. */
@QuarkusTest
class TokenValidationTest {

    private static void refused(String token) {
        deliberatelyInvalidAnonymous().auth().oauth2(token).get("/api/v1/units")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:keywork:problem:unauthorized"));
    }

    private static PrivateKey key(String name) throws Exception {
        return KeyUtils.readPrivateKey("keys/" + name);
    }

    private static String token(String issuer, String audience, Instant expires, PrivateKey key) {
        return Jwt.issuer(issuer).audience(audience).upn("forged").subject("00000000-0000-4000-8000-000000000009")
                .groups(Set.of("ADMIN")).expiresAt(expires).sign(key);
    }

    @Test
    void a_token_signed_correctly_is_accepted() throws Exception {
        String good = token("key-work-supervision", "key-work-supervision", Instant.now().plusSeconds(300),
                key("test-signing-private.pem"));
        deliberatelyInvalidAnonymous().auth().oauth2(good).get("/api/v1/units").then().statusCode(200);
    }

    @Test
    void an_expired_token_is_refused() throws Exception {
        refused(token("key-work-supervision", "key-work-supervision", Instant.now().minusSeconds(600),
                key("test-signing-private.pem")));
    }

    @Test
    void a_token_issued_a_day_in_the_future_is_refused() throws Exception {
        Instant tomorrow = Instant.now().plusSeconds(86_400);
        refused(Jwt.issuer("key-work-supervision").audience("key-work-supervision").upn("forged")
                .subject("00000000-0000-4000-8000-000000000009").groups(Set.of("ADMIN"))
                .issuedAt(tomorrow).expiresAt(tomorrow.plusSeconds(300)).sign(key("test-signing-private.pem")));
    }

    @Test
    void a_token_not_valid_before_tomorrow_is_refused() throws Exception {
        Instant tomorrow = Instant.now().plusSeconds(86_400);
        refused(Jwt.issuer("key-work-supervision").audience("key-work-supervision").upn("forged")
                .subject("00000000-0000-4000-8000-000000000009").groups(Set.of("ADMIN"))
                .claim("nbf", tomorrow.getEpochSecond()).expiresAt(tomorrow.plusSeconds(300))
                .sign(key("test-signing-private.pem")));
    }

    @Test
    void a_token_issued_within_the_clock_skew_is_accepted() throws Exception {
        Instant soon = Instant.now().plusSeconds(20);
        deliberatelyInvalidAnonymous().auth().oauth2(Jwt.issuer("key-work-supervision").audience("key-work-supervision")
                .upn("forged").subject("00000000-0000-4000-8000-000000000009").groups(Set.of("ADMIN"))
                .issuedAt(soon).expiresAt(soon.plusSeconds(300)).sign(key("test-signing-private.pem")))
                .get("/api/v1/units").then().statusCode(200);
    }

    @Test
    void a_token_signed_with_another_key_is_refused() throws Exception {
        refused(token("key-work-supervision", "key-work-supervision", Instant.now().plusSeconds(300),
                key("other-issuer-private.pem")));
    }

    @Test
    void a_token_of_another_issuer_or_audience_is_refused() throws Exception {
        PrivateKey ours = key("test-signing-private.pem");
        refused(token("someone-else", "key-work-supervision", Instant.now().plusSeconds(300), ours));
        refused(token("key-work-supervision", "another-service", Instant.now().plusSeconds(300), ours));
    }

    @Test
    void a_tampered_token_is_refused() {
        String token = TestAccounts.token("UNIT_LIAISON");
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"UNIT_LIAISON\"", "\"ADMIN\"");
        refused(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]);
    }

    @Test
    void an_unsigned_token_with_alg_none_is_refused() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes());
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\"key-work-supervision\","
                + "\"aud\":\"key-work-supervision\",\"upn\":\"forged\",\"groups\":[\"ADMIN\"],\"exp\":"
                + (Instant.now().getEpochSecond() + 300) + "}").getBytes());
        refused(header + "." + claims + ".");
        refused(header + "." + claims);
    }

    @Test
    void garbage_in_the_authorization_header_is_refused() {
        refused("not-a-token");
        deliberatelyInvalidAnonymous().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/v1/units")
                .then().statusCode(401);
    }
}
