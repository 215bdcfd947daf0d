package cn.keywork.supervision.opinion.domain;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.RuleViolation;

/**
 * Moderation (R15): the office decides once on a PENDING opinion; APPROVE makes it public with the
 * reply, REJECT keeps it hidden for good and needs a reason.
 */
public final class OpinionPolicy {

    public enum Decision {
        APPROVE, REJECT
    }

    private OpinionPolicy() {
    }

    /** The status after the decision; 409 when decided already, 400 for a rejection without reason. */
    public static OpinionStatus decide(OpinionRow opinion, Decision decision, String reason) {
        if (opinion.status() != OpinionStatus.PENDING) {
            throw new RuleViolation(DomainMessage.OPINION_MODERATED_ALREADY, opinion.status().name());
        }
        if (decision == Decision.REJECT && (reason == null || reason.isBlank())) {
            throw InvalidInput.of("reason", InvalidInput.Reason.REQUIRED, DomainMessage.OPINION_REASON_REQUIRED);
        }
        return decision == Decision.APPROVE ? OpinionStatus.APPROVED : OpinionStatus.REJECTED;
    }
}
