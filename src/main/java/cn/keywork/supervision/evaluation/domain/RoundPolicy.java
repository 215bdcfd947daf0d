package cn.keywork.supervision.evaluation.domain;

import java.util.EnumMap;
import java.util.Map;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.RuleViolation;

/**
 * The life cycle of a public-evaluation round (R14) in one place.
 *
 * <pre>
 * DRAFT ─OPEN_REPORTING→ REPORTING    criteria and subjects frozen; units submit their open reports
 * REPORTING ─OPEN_INQUIRY→ INQUIRY     evaluators put questions; units answer
 * INQUIRY ─OPEN_SCORING→ SCORING       every subject's panel complete; ballots are cast
 * SCORING ─CLOSE→ CLOSED               results computed from the ballots
 * CLOSED ─PUBLISH→ PUBLISHED           results public
 * </pre>
 */
public final class RoundPolicy {

    private static final Map<RoundAction, RoundStatus> FROM = new EnumMap<>(RoundAction.class);
    private static final Map<RoundAction, RoundStatus> TO = new EnumMap<>(RoundAction.class);

    static {
        move(RoundStatus.DRAFT, RoundAction.OPEN_REPORTING, RoundStatus.REPORTING);
        move(RoundStatus.REPORTING, RoundAction.OPEN_INQUIRY, RoundStatus.INQUIRY);
        move(RoundStatus.INQUIRY, RoundAction.OPEN_SCORING, RoundStatus.SCORING);
        move(RoundStatus.SCORING, RoundAction.CLOSE, RoundStatus.CLOSED);
        move(RoundStatus.CLOSED, RoundAction.PUBLISH, RoundStatus.PUBLISHED);
    }

    private RoundPolicy() {
    }

    private static void move(RoundStatus from, RoundAction action, RoundStatus to) {
        FROM.put(action, from);
        TO.put(action, to);
    }

    /** The phase after {@code action}; 409 naming both when the round is not in the phase the move starts from. */
    public static RoundStatus after(RoundStatus status, RoundAction action) {
        if (FROM.get(action) != status) {
            throw new RuleViolation(DomainMessage.ROUND_MOVE_ILLEGAL, action.name(), status.name(), FROM.get(action).name());
        }
        return TO.get(action);
    }

    /** 409 unless the round is in {@code phase}: what may be done in one phase only (ballots, inquiries, reports). */
    public static void requirePhase(RoundStatus status, RoundStatus phase) {
        if (status != phase) {
            throw new RuleViolation(DomainMessage.ROUND_PHASE_REQUIRED, phase.name(), status.name());
        }
    }
}
