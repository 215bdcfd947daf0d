package cn.keywork.supervision.progress.domain;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * The rules of a monthly report (R5) in one place: its moves, who makes them, and who writes what.
 * The lead unit drafts and submits (from DRAFT or RETURNED); the office accepts or returns a
 * submitted report, returning with a comment. A cooperating unit fills in only its sub-items.
 */
public final class ReportPolicy {

    private static final Map<ReportStatus, Map<ReportAction, ReportStatus>> MOVES = new EnumMap<>(ReportStatus.class);

    /** Reports whose content can still change. */
    public static final Set<ReportStatus> EDITABLE = EnumSet.of(ReportStatus.DRAFT, ReportStatus.RETURNED);

    /** Task statuses that report: registered and under way, or completed. */
    public static final Set<String> REPORTING_TASKS = Set.of("ACTIVE", "COMPLETED");

    static {
        move(ReportStatus.DRAFT, ReportAction.SUBMIT, ReportStatus.SUBMITTED);
        move(ReportStatus.RETURNED, ReportAction.SUBMIT, ReportStatus.SUBMITTED);
        move(ReportStatus.SUBMITTED, ReportAction.ACCEPT, ReportStatus.ACCEPTED);
        move(ReportStatus.SUBMITTED, ReportAction.RETURN, ReportStatus.RETURNED);
    }

    private ReportPolicy() {
    }

    private static void move(ReportStatus from, ReportAction action, ReportStatus to) {
        MOVES.computeIfAbsent(from, status -> new EnumMap<>(ReportAction.class)).put(action, to);
    }

    /** The status after {@code action}; refuses an illegal move with 409, naming the allowed ones. */
    public static ReportStatus after(ReportStatus status, ReportAction action) {
        ReportStatus next = MOVES.getOrDefault(status, Map.of()).get(action);
        if (next == null) {
            Set<ReportAction> allowed = allowed(status);
            if (allowed.isEmpty()) {
                throw new RuleViolation(DomainMessage.REPORT_STATUS_FINAL, status, action);
            }
            throw new RuleViolation(DomainMessage.REPORT_MOVE_NOT_ALLOWED, status, action,
                    allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
        }
        return next;
    }

    public static Set<ReportAction> allowed(ReportStatus status) {
        Map<ReportAction, ReportStatus> moves = MOVES.get(status);
        return moves == null ? EnumSet.noneOf(ReportAction.class) : EnumSet.copyOf(moves.keySet());
    }

    public static boolean isEditable(ReportStatus status) {
        return EDITABLE.contains(status);
    }

    public static boolean isOffice(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE);
    }

    /** The office or the lead unit's own accounts. */
    public static boolean speaksFor(ReportTask task, Actor actor) {
        return isOffice(actor) || (isUnitAccount(actor) && task.leadUnitId().equals(actor.unitId()));
    }

    /** A unit account of a unit taking part (or answering for a sub-item), or the office. */
    public static boolean mayWrite(ReportTask task, Actor actor, Set<UUID> subItemUnits) {
        if (speaksFor(task, actor)) {
            return true;
        }
        return isUnitAccount(actor) && actor.unitId() != null
                && (task.cooperatingUnitIds().contains(actor.unitId()) || subItemUnits.contains(actor.unitId()));
    }

    private static boolean isUnitAccount(Actor actor) {
        return actor.has(Role.UNIT_HEAD) || actor.has(Role.UNIT_LIAISON);
    }

    /** Who may attempt a move, and a comment where one is needed, before anything is read. */
    public static void requireMayAttempt(ReportAction action, String comment, Actor actor) {
        if (action == ReportAction.RETURN && (comment == null || comment.isBlank())) {
            throw InvalidInput.of("comment", InvalidInput.Reason.REQUIRED, DomainMessage.REPORT_COMMENT_REQUIRED);
        }
        if (action != ReportAction.SUBMIT && !isOffice(actor)) {
            throw new NotPermitted(DomainMessage.REPORT_DECISION_OFFICE_ONLY, action);
        }
    }

    /** The lead unit submits (the service itself may too, for the cycles). */
    public static void requireMaySubmit(ReportTask task, Actor actor) {
        if (!actor.isSystem() && !(isUnitAccount(actor) && task.leadUnitId().equals(actor.unitId()))) {
            throw new NotPermitted(DomainMessage.REPORT_SUBMIT_LEAD_ONLY);
        }
    }

    /** The content changes only as a draft or when returned. */
    public static void requireEditable(ReportStatus status) {
        if (!isEditable(status)) {
            throw new Conflict(DomainMessage.REPORT_NOT_EDITABLE, status);
        }
    }
}
