package cn.keywork.supervision.points.domain;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/** A rule as written into a draft rule book (R16). */
public record RuleInput(String code, String description, String eventType, Map<String, Object> condition,
        BigDecimal points, String appliesTo, BigDecimal cooperatingShare, BigDecimal capPerUnit) {

    /** The condition keys each event type supports (its payload holds them). */
    public static final Map<String, Set<String>> CONDITIONS = Map.of(
            "slip.deduction_basis", Set.of("slipType"),
            "slip.issued", Set.of("slipType"),
            "slip.overdue", Set.of("slipType"),
            "light.changed", Set.of("light"),
            "task.completed", Set.of(),
            "task.unfinished", Set.of(),
            "evaluation.result_published", Set.of("scoreBelow", "scoreAtLeast", "rankAtMost", "rankAtLeast", "rated"),
            "evaluation.inquiry_overdue", Set.of());
}
