package cn.keywork.supervision.assessment.domain;

import java.time.Instant;
import java.util.List;

/** A year's annual assessment: PROVISIONAL (computed now) or FROZEN (the snapshot) with its rows. */
public record Summary(int year, boolean frozen, Instant frozenAt, Integer ruleBookVersion, List<SummaryRow> rows) {

    public int pendingAfterFreeze() {
        return rows.stream().mapToInt(row -> row.pendingAfterFreeze() == null ? 0 : row.pendingAfterFreeze()).sum();
    }
}
