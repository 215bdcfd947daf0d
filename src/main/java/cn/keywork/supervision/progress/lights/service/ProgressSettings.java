package cn.keywork.supervision.progress.lights.service;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Lights' thresholds ({@code supervision.progress.*}): the lag in points from which a task is
 * yellow and red, optionally per category, e.g.
 * {@code supervision.progress.category."KEY_PROJECT".red-lag=15}.
 */
@ConfigMapping(prefix = "supervision.progress")
public interface ProgressSettings {

    /** Lag (planned − actual, in points) from which a task is YELLOW. */
    @WithDefault("10")
    BigDecimal yellowLag();

    /** Lag from which a task is RED (a task past its deadline below 100 % is RED anyway). */
    @WithDefault("20")
    BigDecimal redLag();

    /** The day of the month by which the month's report is due; later submissions are LATE (read by the reports). */
    @WithDefault("25")
    int reportingDeadlineDay();

    /**
     * How long a month's dashboard, once computed for a scope, is answered again (0: computed for every
     * request); an open month's figures come from every task's schedule.
     */
    @WithDefault("PT15S")
    Duration dashboardCache();

    /** Per category (names of TaskCategory), thresholds that replace the general ones. */
    Map<String, Category> category();

    interface Category {
        Optional<BigDecimal> yellowLag();

        Optional<BigDecimal> redLag();
    }
}
