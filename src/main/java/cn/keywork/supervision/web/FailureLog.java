package cn.keywork.supervision.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Logs unexpected failures without flooding the log: the first of a kind (exception class of the
 * root cause and SQLSTATE) in an interval with its stack trace, the others of that interval only
 * as a count, written when the interval is over. A database outage is then a few lines a minute,
 * not one stack trace per request.
 */
@ApplicationScoped
public class FailureLog {

    static final Duration INTERVAL = Duration.ofSeconds(60);

    private static final class Window {
        final Instant start;
        final Logger log;
        final AtomicLong suppressed = new AtomicLong();

        Window(Instant start, Logger log) {
            this.start = start;
            this.log = log;
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration interval;

    @Inject
    FailureLog(Clock clock) {
        this(clock, INTERVAL);
    }

    FailureLog(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    /** Logs {@code failure} at ERROR unless one of its kind was logged within the interval; then counts it. */
    public void error(Logger log, Throwable failure, String message) {
        String kind = kindOf(failure);
        Instant now = clock.instant();
        boolean[] first = {false};
        Window window = windows.compute(kind, (key, current) -> {
            if (current != null && now.isBefore(current.start.plus(interval))) {
                current.suppressed.incrementAndGet();
                return current;
            }
            if (current != null) {
                summarize(kind, current);
            }
            first[0] = true;
            return new Window(now, log);
        });
        if (first[0]) {
            window.log.error(message, failure);
        }
    }

    /** Writes the counts of intervals that are over, so a burst that stopped is still reported. */
    @Scheduled(every = "60s", delayed = "60s")
    void summarizeFinished() {
        Instant now = clock.instant();
        windows.forEach((kind, window) -> {
            if (!now.isBefore(window.start.plus(interval)) && windows.remove(kind, window)) {
                summarize(kind, window);
            }
        });
    }

    private void summarize(String kind, Window window) {
        long suppressed = window.suppressed.get();
        if (suppressed > 0) {
            window.log.errorf("%d more failures of the kind %s in the %d s from %s (stack trace logged once)",
                    suppressed, kind, interval.toSeconds(), window.start);
        }
    }

    /** The root cause's class, with the SQLSTATE of a database failure. */
    static String kindOf(Throwable failure) {
        Throwable root = failure;
        String sqlState = DatabaseFailures.sqlState(failure);
        while (true) {
            if (sqlState == null && root instanceof java.sql.SQLException sql) {
                sqlState = sql.getSQLState();
            }
            if (root.getCause() == null || root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        return root.getClass().getName() + (sqlState == null ? "" : " SQLSTATE " + sqlState);
    }
}
