package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Sign-in attempts are rate-limited (429 with Retry-After); a configured city SSO's tokens are honoured. */
@QuarkusTest
@TestProfile(ThrottleAndExternalIssuerTest.Configured.class)
class ThrottleAndExternalIssuerTest {

    static final String SSO = "https://sso.city.example.gov.cn";

    public static class Configured implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "supervision.security.logins-per-username-per-minute", "3",
                    "supervision.security.external.issuer", SSO,
                    "supervision.security.external.public-key-location", "keys/other-issuer-public.pem",
                    "supervision.security.external.roles-claim", "roles",
                    "supervision.security.external.unit-claim", "org");
        }
    }

    @Test
    void too_many_sign_in_attempts_for_one_username_answer_429_with_retry_after() {
        String username = "t-throttle-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            anonymous().body(Map.of("username", username, "password", "Wrong-Pass-2026x")).post("/api/v1/auth/token")
                    .then().statusCode(401);
        }
        String retryAfter = anonymous().body(Map.of("username", username, "password", "Wrong-Pass-2026x"))
                .post("/api/v1/auth/token").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keywork:problem:too-many-requests"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    @Test
    void tokens_of_the_configured_city_sso_are_accepted_with_their_roles() throws Exception {
        String token = Jwt.issuer(SSO).upn("sso-user").subject("sso-42").claim("roles", List.of("OFFICE"))
                .expiresAt(Instant.now().plusSeconds(300)).sign(KeyUtils.readPrivateKey("keys/other-issuer-private.pem"));
        anonymous().auth().oauth2(token).get("/api/v1/units").then().statusCode(200);
        anonymous().auth().oauth2(token).get("/api/v1/audit").then().statusCode(403);
    }

    @Test
    void the_sso_key_does_not_sign_for_the_service_itself() throws Exception {
        String forged = Jwt.issuer("key-work-supervision").audience("key-work-supervision").upn("forged")
                .groups(Set.of("ADMIN")).expiresAt(Instant.now().plusSeconds(300))
                .sign(KeyUtils.readPrivateKey("keys/other-issuer-private.pem"));
        deliberatelyInvalidAnonymous().auth().oauth2(forged).get("/api/v1/units").then().statusCode(401);
    }
}
