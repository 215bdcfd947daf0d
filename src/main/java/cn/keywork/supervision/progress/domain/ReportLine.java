package cn.keywork.supervision.progress.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A sub-item of the task as the report shows it: its current values in this report (null when not
 * filled in) and the value of the last accepted report of an earlier month.
 */
public record ReportLine(UUID subItemId, String content, UUID responsibleUnitId, BigDecimal actual, String note,
        String correctionReason, BigDecimal lastAccepted, String lastAcceptedPeriod) {

    public ReportLine with(BigDecimal newActual, String newNote, String newReason) {
        return new ReportLine(subItemId, content, responsibleUnitId, newActual, newNote, newReason, lastAccepted,
                lastAcceptedPeriod);
    }

    /** Below the last accepted month's value without a reason: not allowed. */
    public boolean fallsBelowAccepted() {
        return actual != null && lastAccepted != null && actual.compareTo(lastAccepted) < 0
                && (correctionReason == null || correctionReason.isBlank());
    }

    /** Below the last accepted month's value with a reason: a correction. */
    public boolean corrects() {
        return actual != null && lastAccepted != null && actual.compareTo(lastAccepted) < 0 && !fallsBelowAccepted();
    }
}
