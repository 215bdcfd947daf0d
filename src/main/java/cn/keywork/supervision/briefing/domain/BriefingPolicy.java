package cn.keywork.supervision.briefing.domain;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.RuleViolation;

/** The briefing's legal moves: everything happens to a DRAFT; PUBLISH ends it. */
public final class BriefingPolicy {

    private BriefingPolicy() {
    }

    /** The status after {@code action}; 409 when the briefing is not a draft. */
    public static BriefingStatus after(BriefingStatus status, BriefingAction action) {
        requireDraft(status);
        return action == BriefingAction.PUBLISH ? BriefingStatus.PUBLISHED : BriefingStatus.DRAFT;
    }

    /** 409 unless the briefing is a draft. */
    public static void requireDraft(BriefingStatus status) {
        if (status != BriefingStatus.DRAFT) {
            throw new RuleViolation(DomainMessage.BRIEFING_PUBLISHED, status.name());
        }
    }
}
