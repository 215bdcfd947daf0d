package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** As shipped, idle connections do not live for half an hour and their number is capped. */
@QuarkusTest
class HttpLimitsDefaultsTest {

    @Test
    void idle_and_read_timeouts_are_seconds_and_connections_are_capped() {
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.http.idle-timeout", Duration.class)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(config.getValue("quarkus.http.read-timeout", Duration.class)).isLessThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(config.getOptionalValue("quarkus.http.limits.max-connections", Integer.class))
                .hasValueSatisfying(cap -> assertThat(cap).isBetween(100, 10_000));
        assertThat(config.getValue("quarkus.http.http2", Boolean.class)).as("h2c would count connections late").isFalse();
    }
}
