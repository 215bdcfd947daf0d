package cn.keywork.supervision.problem.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * The rules of a problem (R6, R10) in one place: its moves and who makes them. The office assigns,
 * closes and reports to the leaders; an assigned unit answers, as often as needed until closed.
 */
public final class ProblemPolicy {

    private static final Map<ProblemStatus, Map<ProblemAction, ProblemStatus>> MOVES = new EnumMap<>(ProblemStatus.class);

    static {
        move(ProblemStatus.OPEN, ProblemAction.ASSIGN, ProblemStatus.ASSIGNED);
        move(ProblemStatus.OPEN, ProblemAction.CLOSE, ProblemStatus.CLOSED);
        move(ProblemStatus.OPEN, ProblemAction.REPORT_TO_LEADERS, ProblemStatus.REPORTED_TO_LEADERS);
        move(ProblemStatus.ASSIGNED, ProblemAction.ANSWER, ProblemStatus.ANSWERED);
        move(ProblemStatus.ASSIGNED, ProblemAction.REPORT_TO_LEADERS, ProblemStatus.REPORTED_TO_LEADERS);
        move(ProblemStatus.ANSWERED, ProblemAction.ANSWER, ProblemStatus.ANSWERED);
        move(ProblemStatus.ANSWERED, ProblemAction.CLOSE, ProblemStatus.CLOSED);
        move(ProblemStatus.ANSWERED, ProblemAction.REPORT_TO_LEADERS, ProblemStatus.REPORTED_TO_LEADERS);
        move(ProblemStatus.REPORTED_TO_LEADERS, ProblemAction.CLOSE, ProblemStatus.CLOSED);
    }

    private ProblemPolicy() {
    }

    private static void move(ProblemStatus from, ProblemAction action, ProblemStatus to) {
        MOVES.computeIfAbsent(from, status -> new EnumMap<>(ProblemAction.class)).put(action, to);
    }

    /** The status after {@code action}; refuses an illegal move with 409, naming the allowed ones. */
    public static ProblemStatus after(ProblemStatus status, ProblemAction action) {
        ProblemStatus next = MOVES.getOrDefault(status, Map.of()).get(action);
        if (next == null) {
            Set<ProblemAction> allowed = allowed(status);
            if (allowed.isEmpty()) {
                throw new RuleViolation(DomainMessage.PROBLEM_STATUS_FINAL, status, action);
            }
            throw new RuleViolation(DomainMessage.PROBLEM_MOVE_NOT_ALLOWED, status, action,
                    allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
        }
        return next;
    }

    public static Set<ProblemAction> allowed(ProblemStatus status) {
        Map<ProblemAction, ProblemStatus> moves = MOVES.get(status);
        return moves == null ? EnumSet.noneOf(ProblemAction.class) : EnumSet.copyOf(moves.keySet());
    }

    public static boolean isOffice(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE);
    }

    public static boolean isUnitAccount(Actor actor) {
        return (actor.has(Role.UNIT_HEAD) || actor.has(Role.UNIT_LIAISON)) && actor.unitId() != null;
    }

    /** What a move needs, and who may attempt it, before anything is read. */
    public static void requireMayAttempt(ProblemMove move, Actor actor) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (move.action() == ProblemAction.ASSIGN) {
            if (move.assignedUnitIds() == null || move.assignedUnitIds().isEmpty()) {
                errors.add("assignedUnitIds", InvalidInput.Reason.REQUIRED, DomainMessage.PROBLEM_ASSIGNMENT_REQUIRED);
            }
            if (move.deadline() == null) {
                errors.add("deadline", InvalidInput.Reason.REQUIRED, DomainMessage.PROBLEM_ASSIGNMENT_REQUIRED);
            }
        } else if (move.assignedUnitIds() != null || move.deadline() != null) {
            errors.add("assignedUnitIds", InvalidInput.Reason.RULE, DomainMessage.PROBLEM_ASSIGNMENT_ONLY_ON_ASSIGN);
        }
        if (move.action() == ProblemAction.ANSWER && (move.comment() == null || move.comment().isBlank())) {
            errors.add("comment", InvalidInput.Reason.REQUIRED, DomainMessage.PROBLEM_ANSWER_REQUIRED);
        }
        errors.throwIfAny();
        if (move.action() == ProblemAction.ANSWER) {
            if (!isUnitAccount(actor)) {
                throw new NotPermitted(DomainMessage.PROBLEM_ANSWER_ASSIGNED_ONLY);
            }
        } else if (!isOffice(actor)) {
            throw new NotPermitted(DomainMessage.PROBLEM_DECISION_OFFICE_ONLY, move.action());
        }
    }

    /** Only a unit the problem is assigned to answers it. */
    public static void requireMayAnswer(ProblemRow row, Actor actor) {
        if (!row.assignedUnitIds().contains(actor.unitId())) {
            throw new NotPermitted(DomainMessage.PROBLEM_ANSWER_ASSIGNED_ONLY);
        }
    }

    /** The office raises any problem; a unit account one of a task its unit takes part in, unassigned. */
    public static void requireMayRaise(ProblemTask task, NewProblem problem, Actor actor) {
        if (isOffice(actor)) {
            return;
        }
        if (!isUnitAccount(actor) || !task.unitIds().contains(actor.unitId())) {
            throw new NotPermitted(DomainMessage.PROBLEM_RAISE_NOT_PERMITTED);
        }
        if ((problem.assignedUnitIds() != null && !problem.assignedUnitIds().isEmpty()) || problem.deadline() != null) {
            throw new NotPermitted(DomainMessage.PROBLEM_DECISION_OFFICE_ONLY, ProblemAction.ASSIGN);
        }
    }
}
