package cn.keywork.supervision.task.domain;

import java.math.BigDecimal;

/** Where a task is carried out (R13): photos taken farther than the radius are flagged. */
public record TaskSite(BigDecimal latitude, BigDecimal longitude, int radiusMeters) {

    /** As the audit trail shows it. */
    public String text() {
        return latitude.stripTrailingZeros().toPlainString() + "," + longitude.stripTrailingZeros().toPlainString() + " r="
                + radiusMeters + "m";
    }
}
