package cn.keywork.supervision.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.LogCapture;

/** Repeated failures of one kind are logged once per interval, with a count of the rest. */
class FailureLogTest {

    private static final String CATEGORY = "cn.keywork.supervision.web.FailureLogTest";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T08:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static RuntimeException databaseDown() {
        return new RuntimeException("query failed", new SQLException("connection refused", "08001"));
    }

    @Test
    void a_burst_of_a_thousand_identical_failures_logs_at_most_two_lines() {
        FailureLog failures = new FailureLog(new ManualClock(), Duration.ofSeconds(60));
        try (LogCapture logs = LogCapture.of(CATEGORY)) {
            for (int i = 0; i < 1000; i++) {
                failures.error(LOG, databaseDown(), "Unexpected failure on GET /api/v1/units");
            }
            assertThat(logs.records()).hasSizeLessThanOrEqualTo(2);
            assertThat(logs.records().get(0).getThrown()).as("the first one keeps its stack trace").isNotNull();
        }
    }

    @Test
    void after_the_interval_the_rest_are_summed_up_and_the_next_one_is_logged_in_full() {
        ManualClock clock = new ManualClock();
        FailureLog failures = new FailureLog(clock, Duration.ofSeconds(60));
        try (LogCapture logs = LogCapture.of(CATEGORY)) {
            for (int i = 0; i < 50; i++) {
                failures.error(LOG, databaseDown(), "first minute");
                clock.advance(Duration.ofMillis(100));
            }
            assertThat(logs.records()).hasSize(1);
            clock.advance(Duration.ofSeconds(60));
            failures.error(LOG, databaseDown(), "next minute");
            assertThat(logs.records()).hasSize(3);
            assertThat(logs.records().get(1).getFormattedMessage())
                    .contains("49 more failures", "java.sql.SQLException", "SQLSTATE 08001", "60 s");
            assertThat(logs.records().get(1).getThrown()).isNull();
            assertThat(logs.records().get(2).getThrown()).isNotNull();
        }
    }

    @Test
    void failures_of_another_kind_are_logged_on_their_own() {
        FailureLog failures = new FailureLog(new ManualClock(), Duration.ofSeconds(60));
        try (LogCapture logs = LogCapture.of(CATEGORY)) {
            failures.error(LOG, databaseDown(), "database");
            failures.error(LOG, new IllegalStateException("bug"), "bug");
            failures.error(LOG, new RuntimeException(new SQLException("duplicate", "23505")), "other SQLSTATE");
            failures.error(LOG, databaseDown(), "database again");
            assertThat(logs.records()).hasSize(3);
        }
    }

    @Test
    void a_burst_that_stopped_is_still_summed_up_when_its_interval_is_over() {
        ManualClock clock = new ManualClock();
        FailureLog failures = new FailureLog(clock, Duration.ofSeconds(60));
        try (LogCapture logs = LogCapture.of(CATEGORY)) {
            for (int i = 0; i < 10; i++) {
                failures.error(LOG, databaseDown(), "burst");
            }
            failures.summarizeFinished();
            assertThat(logs.records()).as("not yet: the interval is still running").hasSize(1);
            clock.advance(Duration.ofSeconds(61));
            failures.summarizeFinished();
            assertThat(logs.records()).hasSize(2);
            assertThat(logs.records().get(1).getFormattedMessage()).contains("9 more failures");
        }
    }
}
