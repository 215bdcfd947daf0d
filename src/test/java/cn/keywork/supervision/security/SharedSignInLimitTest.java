package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The sign-in limit is one limit for every instance on the database: attempts another instance
 * records (here: another client on its own connection, running the same statement) count, and
 * attempts racing on one bucket are granted no more than its capacity.
 */
@QuarkusTest
@TestProfile(ThrottleAndExternalIssuerTest.Configured.class)
class SharedSignInLimitTest {

    private static Connection otherInstance() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }

    /** Takes one token from the key's bucket as an instance does; answers whether it was granted. */
    private static boolean take(Connection connection, String key, int capacity) throws SQLException {
        Array keys = connection.createArrayOf("text", new Object[] { key });
        Array capacities = connection.createArrayOf("int4", new Object[] { capacity });
        try (PreparedStatement statement = connection.prepareStatement(SignInBuckets.TAKE.replace("$1", "?").replace("$2", "?"))) {
            statement.setArray(1, keys);
            statement.setArray(2, capacities);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean("granted");
            }
        }
    }

    @Test
    void sign_in_attempts_recorded_by_another_instance_count_against_the_same_per_username_limit() throws Exception {
        String username = "t-shared-" + UUID.randomUUID().toString().substring(0, 6);
        // The limit in this profile is 3 per username and minute: one attempt here...
        anonymous().body(Map.of("username", username, "password", "Wrong-Pass-2026x")).post("/api/v1/auth/token")
                .then().statusCode(401);
        // ...two on the other instance...
        try (Connection other = otherInstance()) {
            assertThat(take(other, LoginThrottle.usernameKey(username), 3)).isTrue();
            assertThat(take(other, LoginThrottle.usernameKey(username.toUpperCase(java.util.Locale.ROOT)), 3)).isTrue();
        }
        // ...and the fourth, back here, is refused.
        String retryAfter = anonymous().body(Map.of("username", username, "password", "Wrong-Pass-2026x"))
                .post("/api/v1/auth/token").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:keywork:problem:too-many-requests"))
                .extract().header("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 60);
    }

    @Test
    void attempts_racing_on_one_bucket_from_many_connections_are_granted_exactly_its_capacity() throws Exception {
        String key = LoginThrottle.addressKey("race-" + UUID.randomUUID());
        int attempts = 16;
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch ready = new CountDownLatch(attempts);
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                racers.add(() -> {
                    try (Connection connection = otherInstance()) {
                        ready.countDown();
                        ready.await();
                        return take(connection, key, 2);
                    }
                });
            }
            int granted = 0;
            for (Future<Boolean> outcome : threads.invokeAll(racers)) {
                granted += outcome.get() ? 1 : 0;
            }
            // Capacity 2 per minute: a third token takes 30 s to grow back, far longer than the race.
            assertThat(granted).isEqualTo(2);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void without_the_proxy_settings_a_forwarded_for_header_is_not_taken_as_the_client_s_address() throws Exception {
        anonymous().header("X-Forwarded-For", "198.51.100.77")
                .body(Map.of("username", "t-spoof-" + UUID.randomUUID().toString().substring(0, 6), "password", "Wrong-Pass-2026x"))
                .post("/api/v1/auth/token").then().statusCode(401);
        try (Connection other = otherInstance();
                PreparedStatement statement = other.prepareStatement("SELECT count(*) FROM sign_in_bucket WHERE key = ?")) {
            statement.setString(1, LoginThrottle.addressKey("198.51.100.77"));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }
}
