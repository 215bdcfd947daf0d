package cn.keywork.supervision.slip.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * The life cycle of a slip (R7–R9) in one place: its moves, who makes them and what each needs.
 *
 * <pre>
 * DRAFT ─ISSUE→ ISSUED                                   (assignment, urging; OFFICE)
 * DRAFT ─SUBMIT_FOR_APPROVAL→ PENDING_APPROVAL            (supervision; OFFICE)
 * PENDING_APPROVAL ─APPROVE→ APPROVED | ─REJECT→ REJECTED  (the task's leader in charge or a granted
 *                                                          approver, with an opinion)
 * APPROVED ─ISSUE→ ISSUED                                 (OFFICE; numbered)
 * ISSUED ─ACKNOWLEDGE→ ACKNOWLEDGED                       (a target unit; 签收)
 * ACKNOWLEDGED ─RESPOND→ RESPONDED                        (a target unit, with its answer; 反馈)
 * RESPONDED ─RETURN_RESPONSE→ ACKNOWLEDGED                (OFFICE, with a comment: the unit answers again)
 * RESPONDED ─ACCEPT_RESPONSE→ RESPONDED, accepted         (OFFICE)
 * RESPONDED, accepted ─CLOSE→ CLOSED                      (OFFICE, outcome RESOLVED or UNRESOLVED; 办结)
 * before acknowledgement ─WITHDRAW→ WITHDRAWN             (OFFICE, with a reason)
 * urging, issued and not closed ─ESCALATE→ ESCALATED      (OFFICE: superseded by a supervision order)
 * </pre>
 */
public final class SlipPolicy {

    private static final Map<SlipType, Map<SlipStatus, Map<SlipAction, SlipStatus>>> MOVES = new EnumMap<>(SlipType.class);

    /** Slips whose content can still change. */
    public static final Set<SlipStatus> EDITABLE = EnumSet.of(SlipStatus.DRAFT);

    /** Moves the office makes (the service itself may make them too, for the cycles). */
    public static final Set<SlipAction> OFFICE_MOVES = EnumSet.of(SlipAction.SUBMIT_FOR_APPROVAL, SlipAction.ISSUE,
            SlipAction.RETURN_RESPONSE, SlipAction.ACCEPT_RESPONSE, SlipAction.CLOSE, SlipAction.WITHDRAW,
            SlipAction.ESCALATE);

    /** Moves of a city leader deciding on a supervision order. */
    public static final Set<SlipAction> LEADER_MOVES = EnumSet.of(SlipAction.APPROVE, SlipAction.REJECT);

    /** Moves of a unit the slip is addressed to. */
    public static final Set<SlipAction> UNIT_MOVES = EnumSet.of(SlipAction.ACKNOWLEDGE, SlipAction.RESPOND);

    /** Moves that need a comment: an opinion, an answer or a reason. */
    public static final Set<SlipAction> NEED_COMMENT = EnumSet.of(SlipAction.APPROVE, SlipAction.REJECT,
            SlipAction.RESPOND, SlipAction.RETURN_RESPONSE, SlipAction.WITHDRAW);

    static {
        for (SlipType type : SlipType.values()) {
            if (type == SlipType.SUPERVISION) {
                move(type, SlipStatus.DRAFT, SlipAction.SUBMIT_FOR_APPROVAL, SlipStatus.PENDING_APPROVAL);
                move(type, SlipStatus.PENDING_APPROVAL, SlipAction.APPROVE, SlipStatus.APPROVED);
                move(type, SlipStatus.PENDING_APPROVAL, SlipAction.REJECT, SlipStatus.REJECTED);
                move(type, SlipStatus.PENDING_APPROVAL, SlipAction.WITHDRAW, SlipStatus.WITHDRAWN);
                move(type, SlipStatus.APPROVED, SlipAction.ISSUE, SlipStatus.ISSUED);
                move(type, SlipStatus.APPROVED, SlipAction.WITHDRAW, SlipStatus.WITHDRAWN);
            } else {
                move(type, SlipStatus.DRAFT, SlipAction.ISSUE, SlipStatus.ISSUED);
            }
            move(type, SlipStatus.DRAFT, SlipAction.WITHDRAW, SlipStatus.WITHDRAWN);
            move(type, SlipStatus.ISSUED, SlipAction.WITHDRAW, SlipStatus.WITHDRAWN);
            move(type, SlipStatus.ISSUED, SlipAction.ACKNOWLEDGE, SlipStatus.ACKNOWLEDGED);
            move(type, SlipStatus.ACKNOWLEDGED, SlipAction.RESPOND, SlipStatus.RESPONDED);
            move(type, SlipStatus.RESPONDED, SlipAction.RETURN_RESPONSE, SlipStatus.ACKNOWLEDGED);
            move(type, SlipStatus.RESPONDED, SlipAction.ACCEPT_RESPONSE, SlipStatus.RESPONDED);
            move(type, SlipStatus.RESPONDED, SlipAction.CLOSE, SlipStatus.CLOSED);
            if (type == SlipType.URGING) {
                move(type, SlipStatus.ISSUED, SlipAction.ESCALATE, SlipStatus.ESCALATED);
                move(type, SlipStatus.ACKNOWLEDGED, SlipAction.ESCALATE, SlipStatus.ESCALATED);
                move(type, SlipStatus.RESPONDED, SlipAction.ESCALATE, SlipStatus.ESCALATED);
            }
        }
    }

    private SlipPolicy() {
    }

    private static void move(SlipType type, SlipStatus from, SlipAction action, SlipStatus to) {
        MOVES.computeIfAbsent(type, t -> new EnumMap<>(SlipStatus.class))
                .computeIfAbsent(from, status -> new EnumMap<>(SlipAction.class)).put(action, to);
    }

    /** The status after {@code action}; refuses an illegal move with 409, naming the allowed ones. */
    public static SlipStatus after(SlipState state, SlipAction action) {
        if (!allowed(state).contains(action)) {
            Set<SlipAction> allowed = allowed(state);
            if (isFinal(state.type(), state.status())) {
                throw new RuleViolation(DomainMessage.SLIP_STATUS_FINAL, state.status(), action);
            }
            throw new RuleViolation(DomainMessage.SLIP_MOVE_NOT_ALLOWED, state.type(), state.status(), action,
                    allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
        }
        return MOVES.get(state.type()).get(state.status()).get(action);
    }

    /**
     * The moves open from {@code state}: a response is returned or accepted once, and only a
     * slip whose response the office accepted can be closed (交必办、办必果、果必报).
     */
    public static Set<SlipAction> allowed(SlipState state) {
        Map<SlipAction, SlipStatus> moves = MOVES.getOrDefault(state.type(), Map.of()).get(state.status());
        if (moves == null) {
            return EnumSet.noneOf(SlipAction.class);
        }
        Set<SlipAction> allowed = EnumSet.copyOf(moves.keySet());
        if (state.responseAccepted()) {
            allowed.remove(SlipAction.ACCEPT_RESPONSE);
            allowed.remove(SlipAction.RETURN_RESPONSE);
        } else {
            allowed.remove(SlipAction.CLOSE);
        }
        return allowed;
    }

    /** A status no move leaves. */
    public static boolean isFinal(SlipType type, SlipStatus status) {
        return !MOVES.getOrDefault(type, Map.of()).containsKey(status);
    }

    public static boolean isEditable(SlipStatus status) {
        return EDITABLE.contains(status);
    }

    public static boolean isOffice(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE);
    }

    private static boolean isUnitAccount(Actor actor) {
        return actor.has(Role.UNIT_HEAD) || actor.has(Role.UNIT_LIAISON);
    }

    /**
     * What can be checked before the slip is read: who may attempt the move at all, the comment
     * the move needs, and an outcome given with CLOSE and only there.
     */
    public static void requireMayAttempt(SlipAction action, String comment, SlipOutcome outcome, Actor actor) {
        if (NEED_COMMENT.contains(action) && (comment == null || comment.isBlank())) {
            throw InvalidInput.of("comment", InvalidInput.Reason.REQUIRED, DomainMessage.SLIP_COMMENT_REQUIRED, action);
        }
        if (action == SlipAction.CLOSE && outcome == null) {
            throw InvalidInput.of("outcome", InvalidInput.Reason.REQUIRED, DomainMessage.SLIP_OUTCOME_REQUIRED);
        }
        if (action != SlipAction.CLOSE && outcome != null) {
            throw InvalidInput.of("outcome", InvalidInput.Reason.RULE, DomainMessage.SLIP_OUTCOME_ONLY_ON_CLOSE, action);
        }
        requireMayAttemptRole(action, actor);
    }

    /**
     * What needs the slip: a supervision order is decided by the task's leader in charge or by a
     * leader given the right to approve any order, and a slip is signed for and answered by an
     * account of a unit it is addressed to.
     */
    public static void requireMayMake(SlipAction action, SlipParties parties, Actor actor) {
        requireMayAttemptRole(action, actor);
        if (LEADER_MOVES.contains(action) && !parties.actorMayApproveAny()
                && (parties.leaderInChargeId() == null || !parties.leaderInChargeId().equals(actor.userId()))) {
            throw new NotPermitted(DomainMessage.SLIP_LEADER_IN_CHARGE_ONLY, action);
        }
        if (UNIT_MOVES.contains(action)
                && (actor.unitId() == null || !parties.targetUnitIds().contains(actor.unitId()))) {
            throw new NotPermitted(DomainMessage.SLIP_TARGET_UNIT_ONLY, action);
        }
    }

    private static void requireMayAttemptRole(SlipAction action, Actor actor) {
        if (OFFICE_MOVES.contains(action) && !isOffice(actor)) {
            throw new NotPermitted(DomainMessage.SLIP_OFFICE_ONLY, action);
        }
        if (LEADER_MOVES.contains(action) && !actor.has(Role.LEADER)) {
            throw new NotPermitted(DomainMessage.SLIP_LEADER_IN_CHARGE_ONLY, action);
        }
        if (UNIT_MOVES.contains(action) && !isUnitAccount(actor)) {
            throw new NotPermitted(DomainMessage.SLIP_TARGET_UNIT_ONLY, action);
        }
    }

    /** The content changes only as a draft. */
    public static void requireEditable(SlipStatus status) {
        if (!isEditable(status)) {
            throw new Conflict(DomainMessage.SLIP_NOT_EDITABLE, status);
        }
    }
}
