package cn.keywork.supervision.assessment.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One unit's line of the annual assessment: base, capped bonus and deduction, total and rank within
 * its unit type; the points by rule and by source as JSON text; entries posted after the freeze.
 */
public record SummaryRow(UUID unitId, String unitCode, String unitName, String unitType, BigDecimal base, BigDecimal bonus,
        BigDecimal deduction, BigDecimal total, int rank, String byRuleJson, String bySourceJson, Integer pendingAfterFreeze) {
}
