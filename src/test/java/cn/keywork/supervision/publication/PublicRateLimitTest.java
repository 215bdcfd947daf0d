package cn.keywork.supervision.publication;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.ForwardedAddresses;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The public operations are limited per client address (R13): 429 with Retry-After beyond the limit. */
@QuarkusTest
@TestProfile(PublicRateLimitTest.SmallLimit.class)
class PublicRateLimitTest {

    public static class SmallLimit extends ForwardedAddresses {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("supervision.public.requests-per-minute-per-address", "5");
            overrides.put("supervision.public.max-age", "PT2M");
            return overrides;
        }
    }

    @Test
    void r13_an_address_sending_more_than_its_limit_is_answered_429_and_another_address_is_not() {
        for (int i = 0; i < 5; i++) {
            anonymous().header(ForwardedAddresses.HEADER, "203.0.113.7").get("/api/v1/public/ledgers").then().statusCode(200)
                    .header("Cache-Control", "public, max-age=120");
        }
        // Unknown months count too: a scraper guessing addresses is limited the same.
        String retryAfter = anonymous().header(ForwardedAddresses.HEADER, "203.0.113.7").get("/api/v1/public/ledgers/2030-01")
                .then().statusCode(429).contentType("application/problem+json")
                .body("type", equalTo("urn:keywork:problem:too-many-requests"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
        anonymous().header(ForwardedAddresses.HEADER, "203.0.113.7").accept("application/feed+json, application/problem+json")
                .get("/api/v1/public/feed").then().statusCode(429);
        anonymous().header(ForwardedAddresses.HEADER, "203.0.113.8").get("/api/v1/public/ledgers").then().statusCode(200);
    }
}
