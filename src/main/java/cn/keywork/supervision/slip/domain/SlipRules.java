package cn.keywork.supervision.slip.domain;

import java.time.LocalDate;
import java.util.Set;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.RuleViolation;

/**
 * The seed's escalation rules, judged on {@link RuleFacts}:
 * <ul>
 * <li>R7: no assignment slip where a formal document already states the requirements;</li>
 * <li>R8: an urging slip only for a task (or sub-item) YELLOW, RED or NOT_REPORTED in the month judged on;</li>
 * <li>R9: a supervision order only after an issued urging slip whose deadline has passed, with
 * the lag not better than when it was issued.</li>
 * </ul>
 * The office may override R7 and R8 with a reason; R9 admits no override.
 */
public final class SlipRules {

    private static final Set<String> LAGGING = Set.of("YELLOW", "RED", "NOT_REPORTED");

    private SlipRules() {
    }

    /** The rule the slip rests on; refuses with 409 (or 400 for an override of R9) when none holds. */
    public static SlipRule judge(SlipType type, RuleFacts facts, String overrideReason, LocalDate today) {
        if (type == SlipType.SUPERVISION) {
            if (overrideReason != null) {
                throw InvalidInput.of("override", InvalidInput.Reason.RULE, DomainMessage.SLIP_OVERRIDE_NOT_ALLOWED);
            }
            requireR9(facts, today);
            return SlipRule.R9;
        }
        try {
            return type == SlipType.ASSIGNMENT ? r7(facts) : r8(facts);
        } catch (RuleViolation refused) {
            if (overrideReason != null) {
                return SlipRule.OVERRIDE;
            }
            throw refused;
        }
    }

    private static SlipRule r7(RuleFacts facts) {
        if (facts.documentNumber() != null && !facts.documentNumber().isBlank()) {
            throw new RuleViolation(DomainMessage.SLIP_R7_DOCUMENT_STANDS, facts.documentNumber());
        }
        return SlipRule.R7;
    }

    private static SlipRule r8(RuleFacts facts) {
        if (facts.period() == null) {
            throw new RuleViolation(DomainMessage.SLIP_R8_NO_CLOSED_MONTH);
        }
        if (facts.light() != null && LAGGING.contains(facts.light())) {
            return SlipRule.valueOf("R8_" + facts.light());
        }
        if (facts.subItemLag() != null && facts.subItemLag().compareTo(facts.yellowLag()) >= 0) {
            return facts.subItemLag().compareTo(facts.redLag()) >= 0 ? SlipRule.R8_RED : SlipRule.R8_YELLOW;
        }
        throw new RuleViolation(DomainMessage.SLIP_R8_NOT_LAGGING, facts.period(),
                facts.light() == null ? "—" : facts.light());
    }

    private static void requireR9(RuleFacts facts, LocalDate today) {
        RuleFacts.Urging urging = facts.urging();
        if (urging == null) {
            throw new RuleViolation(DomainMessage.SLIP_R9_NO_URGING);
        }
        if (!urging.responseDeadline().isBefore(today)) {
            throw new RuleViolation(DomainMessage.SLIP_R9_URGING_NOT_DUE, urging.number(), urging.responseDeadline());
        }
        if (facts.period() == null || facts.lag() == null) {
            throw new RuleViolation(DomainMessage.SLIP_R9_NO_FIGURES, facts.period() == null ? "—" : facts.period());
        }
        if (urging.lagAtIssue() == null) {
            if (!LAGGING.contains(facts.light())) {
                throw new RuleViolation(DomainMessage.SLIP_R9_NOT_LAGGING, urging.number(), facts.period(), facts.light());
            }
        } else if (facts.lag().compareTo(urging.lagAtIssue()) < 0) {
            throw new RuleViolation(DomainMessage.SLIP_R9_LAG_IMPROVED, urging.number(),
                    urging.lagAtIssue().stripTrailingZeros().toPlainString(), facts.lag().stripTrailingZeros().toPlainString());
        }
    }
}
