package cn.keywork.supervision.evaluation.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the office says about a round: on creation the period and title and, optionally, the rest
 * (defaults for what is left out); on a change only the fields sent (null: unchanged; period unused).
 */
public record RoundDraft(String period, String title, List<UUID> subjects, List<Criterion> criteria, Integer minPanel,
        BigDecimal quorum, Integer trimAt, Instant reportingUntil, Instant inquiryUntil, Instant scoringUntil) {

    /** Whether the change touches what is frozen once reporting opens. */
    public boolean changesFrozen() {
        return subjects != null || criteria != null || minPanel != null || quorum != null || trimAt != null;
    }
}
