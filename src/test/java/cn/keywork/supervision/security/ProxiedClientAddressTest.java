package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Behind a trusted load balancer (quarkus.http.proxy.*, README "Scaling"), the per-address sign-in
 * limit counts the client the balancer names in X-Forwarded-For, not the balancer itself.
 */
@QuarkusTest
@TestProfile(ProxiedClientAddressTest.BehindBalancer.class)
class ProxiedClientAddressTest {

    public static class BehindBalancer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,::1",
                    "supervision.security.logins-per-address-per-minute", "2");
        }
    }

    private static int attempt(String client) {
        return anonymous().header("X-Forwarded-For", client)
                .body(Map.of("username", "t-proxied-" + UUID.randomUUID().toString().substring(0, 6), "password", "Wrong-Pass-2026x"))
                .post("/api/v1/auth/token").then().extract().statusCode();
    }

    @Test
    void each_client_behind_the_balancer_has_its_own_per_address_limit() {
        String first = "198.51.100.7";
        String second = "198.51.100.8";
        assertThat(attempt(first)).isEqualTo(401);
        assertThat(attempt(first)).isEqualTo(401);
        assertThat(attempt(first)).isEqualTo(429);
        // The balancer's own address is not what was counted: the next client starts afresh.
        assertThat(attempt(second)).isEqualTo(401);
    }
}
