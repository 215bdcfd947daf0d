package cn.keywork.supervision.slip.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What the escalation rules look at, read when a slip is drafted and again when it is decided.
 *
 * @param documentNumber the formal document the task's requirements stand in, or null (R7)
 * @param period the month judged on: the slip's proposal month, else the latest closed month; null when none is closed
 * @param light the task's light in that month, null without figures
 * @param lag the task's lag in that month, null without figures
 * @param subItemLag the sub-item's lag in that month when the slip names one
 * @param yellowLag the lag from which the task's category is yellow
 * @param redLag the lag from which it is red
 * @param urging the earlier urging slip that best supports a supervision order (R9), or null
 */
public record RuleFacts(String documentNumber, String period, String light, BigDecimal lag, BigDecimal subItemLag,
        BigDecimal yellowLag, BigDecimal redLag, Urging urging) {

    /** An issued urging slip of the task: its deadline and the lag and light when it was issued. */
    public record Urging(UUID id, String number, LocalDate responseDeadline, BigDecimal lagAtIssue, String lightAtIssue) {
    }
}
