package cn.keywork.supervision.evaluation.domain;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import cn.keywork.supervision.briefing.domain.Quarter;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.RuleViolation;

/** The rules of a round's content (R14): its quarter, its criteria and what may change in which phase. */
public final class RoundRules {

    /** The default criteria: progress against plan 40, effectiveness 30, problems solved 20, response to inquiries 10. */
    public static final List<Criterion> DEFAULT_CRITERIA = List.of(
            new Criterion("PROGRESS", "进展情况", new BigDecimal("40")),
            new Criterion("EFFECT", "工作成效", new BigDecimal("30")),
            new Criterion("PROBLEMS", "问题解决", new BigDecimal("20")),
            new Criterion("RESPONSE", "质询回应", new BigDecimal("10")));

    /** Two thirds of the panel must have cast a ballot for a subject to be rated. */
    public static final BigDecimal DEFAULT_QUORUM = new BigDecimal("0.667");

    /** From 5 ballots the highest and the lowest overall scores are dropped. */
    public static final int DEFAULT_TRIM_AT = 5;

    /** Tasks in these statuses during the quarter are its default subjects. */
    public static final List<String> SUBJECT_STATUSES = List.of("ACTIVE", "COMPLETED");

    private RoundRules() {
    }

    /** The quarter of {@code period}; 400 unless written {@code 2026-Q4}. */
    public static Quarter quarter(String period) {
        Quarter quarter = Quarter.parse(period);
        if (quarter == null) {
            throw InvalidInput.of("period", InvalidInput.Reason.PATTERN, DomainMessage.ROUND_PERIOD_INVALID, period);
        }
        return quarter;
    }

    /** 400 unless the codes are distinct and the weights sum to 100. */
    public static void requireCriteria(List<Criterion> criteria) {
        Set<String> codes = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Criterion criterion : criteria) {
            if (!codes.add(criterion.code())) {
                throw InvalidInput.of("criteria", InvalidInput.Reason.RULE, DomainMessage.ROUND_CRITERION_DUPLICATE,
                        criterion.code());
            }
            sum = sum.add(criterion.weight());
        }
        if (sum.compareTo(new BigDecimal("100")) != 0) {
            throw InvalidInput.of("criteria", InvalidInput.Reason.RULE, DomainMessage.ROUND_WEIGHTS_SUM,
                    sum.stripTrailingZeros().toPlainString());
        }
    }

    /** 409 when {@code draft} changes what froze when reporting opened, or anything once the round is closed. */
    public static void requireChangeable(RoundStatus status, RoundDraft draft) {
        if (status == RoundStatus.CLOSED || status == RoundStatus.PUBLISHED) {
            throw new RuleViolation(DomainMessage.ROUND_CLOSED, status.name());
        }
        if (status != RoundStatus.DRAFT && draft.changesFrozen()) {
            throw new RuleViolation(DomainMessage.ROUND_CRITERIA_FROZEN, status.name());
        }
    }

    /** 409 once scoring opened: panels are fixed from then on. */
    public static void requirePanelsOpen(RoundStatus status) {
        if (status.compareTo(RoundStatus.SCORING) >= 0) {
            throw new RuleViolation(DomainMessage.PANEL_CLOSED, status.name());
        }
    }
}
