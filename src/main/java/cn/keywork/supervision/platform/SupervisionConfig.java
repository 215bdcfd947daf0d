package cn.keywork.supervision.platform;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings, under the prefix {@code supervision}. */
@ConfigMapping(prefix = "supervision")
public interface SupervisionConfig {

    /** The time zone the city works in: months, quarters and deadlines are counted there. */
    @WithDefault("Asia/Shanghai")
    ZoneId timeZone();

    Database database();

    DemoData demoData();

    Idempotency idempotency();

    interface Database {
        Embedded embedded();
    }

    /**
     * The PostgreSQL started by the service itself when no database is configured
     * ({@code QUARKUS_DATASOURCE_REACTIVE_URL} unset). Read before start-up by
     * {@link EmbeddedDatabaseConfigSourceFactory}; declared here so the keys are documented and checked.
     */
    interface Embedded {
        /** Where the data lives; kept across restarts. Default: {@code ~/.key-work-supervision/pgdata}. */
        Optional<String> dataDir();

        /** TCP port on localhost; 0 picks a free one at each start. */
        @WithDefault("0")
        int port();

        /** A throw-away database in a temporary directory, removed when the JVM exits (tests). */
        @WithDefault("false")
        boolean ephemeral();
    }

    interface DemoData {
        /**
         * Load the demo city on the first start (only into an empty database). On by default only
         * when the embedded database is in use; off otherwise unless set.
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Idempotency {
        /** How long an Idempotency-Key and its answer are kept (at least 24 hours). */
        @WithDefault("PT48H")
        Duration retention();
    }
}
