package cn.keywork.supervision.progress.lights.service;

import java.math.BigDecimal;
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

    /** Per category (names of TaskCategory), thresholds that replace the general ones. */
    Map<String, Category> category();

    interface Category {
        Optional<BigDecimal> yellowLag();

        Optional<BigDecimal> redLag();
    }
}
