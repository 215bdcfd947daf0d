package cn.keywork.supervision.task.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * The rules of a task in one place (R2): its life cycle, who may make which move, when it can be
 * edited or adjusted, which statuses are in the register, and the declaration window. A unit
 * declares (DRAFT) and submits; the office accepts into the register (ACTIVE) or returns,
 * confirms completion, closes completed tasks at year end and cancels with a reason.
 */
public final class TaskPolicy {

    private static final Map<TaskStatus, Map<TaskAction, TaskStatus>> MOVES = new EnumMap<>(TaskStatus.class);

    /** In the year's register: counted against category limits, carries a code. */
    public static final Set<TaskStatus> IN_REGISTER = EnumSet.of(TaskStatus.ACTIVE, TaskStatus.COMPLETED, TaskStatus.CLOSED);

    /** Drafts and returned declarations can still be edited as a whole, breakdown included. */
    public static final Set<TaskStatus> EDITABLE = EnumSet.of(TaskStatus.DRAFT, TaskStatus.RETURNED);

    /** Only a registered task still under way changes through an adjustment request. */
    public static final Set<TaskStatus> ADJUSTABLE = EnumSet.of(TaskStatus.ACTIVE);

    /** Moves that need a reason or note. */
    private static final Set<TaskAction> NEED_NOTE = EnumSet.of(TaskAction.RETURN, TaskAction.COMPLETE, TaskAction.CANCEL);

    /** Moves only the supervision office makes; units only submit. */
    private static final Set<TaskAction> OFFICES = EnumSet.complementOf(EnumSet.of(TaskAction.SUBMIT));

    static {
        move(TaskStatus.DRAFT, TaskAction.SUBMIT, TaskStatus.SUBMITTED);
        move(TaskStatus.DRAFT, TaskAction.CANCEL, TaskStatus.CANCELLED);
        move(TaskStatus.SUBMITTED, TaskAction.ACCEPT, TaskStatus.ACTIVE);
        move(TaskStatus.SUBMITTED, TaskAction.RETURN, TaskStatus.RETURNED);
        move(TaskStatus.SUBMITTED, TaskAction.CANCEL, TaskStatus.CANCELLED);
        move(TaskStatus.RETURNED, TaskAction.SUBMIT, TaskStatus.SUBMITTED);
        move(TaskStatus.RETURNED, TaskAction.CANCEL, TaskStatus.CANCELLED);
        move(TaskStatus.ACTIVE, TaskAction.COMPLETE, TaskStatus.COMPLETED);
        move(TaskStatus.ACTIVE, TaskAction.CANCEL, TaskStatus.CANCELLED);
        move(TaskStatus.COMPLETED, TaskAction.CLOSE, TaskStatus.CLOSED);
    }

    private TaskPolicy() {
    }

    private static void move(TaskStatus from, TaskAction action, TaskStatus to) {
        MOVES.computeIfAbsent(from, status -> new EnumMap<>(TaskAction.class)).put(action, to);
    }

    /** The status after {@code action}; refuses an illegal move, naming what is allowed. */
    public static TaskStatus after(TaskStatus status, TaskAction action) {
        TaskStatus next = MOVES.getOrDefault(status, Map.of()).get(action);
        if (next == null) {
            Set<TaskAction> allowed = allowed(status);
            if (allowed.isEmpty()) {
                throw new RuleViolation(DomainMessage.TASK_STATUS_FINAL, status, action);
            }
            throw new RuleViolation(DomainMessage.TASK_MOVE_NOT_ALLOWED, status, action,
                    allowed.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")));
        }
        return next;
    }

    public static Set<TaskAction> allowed(TaskStatus status) {
        return MOVES.getOrDefault(status, Map.of()).keySet();
    }

    public static boolean isEditable(TaskStatus status) {
        return EDITABLE.contains(status);
    }

    public static boolean isRegistered(TaskStatus status) {
        return IN_REGISTER.contains(status);
    }

    public static boolean isAdjustable(TaskStatus status) {
        return ADJUSTABLE.contains(status);
    }

    public static boolean needsNote(TaskAction action) {
        return NEED_NOTE.contains(action);
    }

    public static boolean isOffices(TaskAction action) {
        return OFFICES.contains(action);
    }

    /** The office (and the service itself) registers directly; a unit only declares. */
    public static boolean registersDirectly(Actor actor) {
        return isOffice(actor);
    }

    /** The lead unit and the office speak for a task. */
    public static boolean speaksFor(KeyTask task, Actor actor) {
        return isOffice(actor) || task.leadUnitId().equals(actor.unitId());
    }

    /** A unit declares only tasks it leads. */
    public static void requireMayDeclare(Actor actor, UUID leadUnitId) {
        if (!isOffice(actor) && !leadUnitId.equals(actor.unitId())) {
            throw new NotPermitted(DomainMessage.TASK_DECLARE_OWN_UNIT_ONLY);
        }
    }

    /** The lead unit or the office edits a draft or returned declaration, and a unit keeps it its own. */
    public static void requireMayEdit(KeyTask task, Actor actor, UUID newLeadUnitId) {
        requireSpeaksFor(task, actor);
        if (!actor.isSystem() && !actor.has(Role.OFFICE) && !newLeadUnitId.equals(actor.unitId())) {
            throw new NotPermitted(DomainMessage.TASK_KEEP_LEAD_UNIT);
        }
        if (!isEditable(task.status())) {
            throw new RuleViolation(DomainMessage.TASK_NOT_EDITABLE, task.status());
        }
    }

    /** Checks what a move needs before the task is read: a note, and the office for the office's moves. */
    public static void requireMayAttempt(TaskAction action, String note, Actor actor) {
        if (needsNote(action) && (note == null || note.isBlank())) {
            throw InvalidInput.of("note", InvalidInput.Reason.REQUIRED, DomainMessage.TASK_NOTE_REQUIRED, action);
        }
        if (isOffices(action) && !isOffice(actor)) {
            throw new NotPermitted(DomainMessage.TASK_MOVE_OFFICE_ONLY, action);
        }
    }

    /**
     * The whole check of a move by {@code actor} on {@code today}: a note where needed, the office
     * for its moves, the lead unit or the office, a unit's submission within the window, a legal move.
     */
    public static TaskStatus requireMove(KeyTask task, TaskAction action, String note, Actor actor,
            DeclarationWindow window, LocalDate today) {
        requireMayAttempt(action, note, actor);
        requireSpeaksFor(task, actor);
        if (action == TaskAction.SUBMIT && !isOffice(actor)) {
            window.require(task.year(), today);
        }
        return after(task.status(), action);
    }

    /** Tasks whose site can still be set: all but those cancelled or closed. */
    public static final Set<TaskStatus> PLACEABLE = EnumSet.complementOf(EnumSet.of(TaskStatus.CANCELLED, TaskStatus.CLOSED));

    /** The lead unit or the office sets where a task is carried out, while it is not cancelled or closed. */
    public static void requireMayPlace(KeyTask task, Actor actor) {
        requireSpeaksFor(task, actor);
        if (!PLACEABLE.contains(task.status())) {
            throw new RuleViolation(DomainMessage.TASK_SITE_NOT_SETTABLE, task.status());
        }
    }

    /** The lead unit or the office asks to adjust a registered task under way. */
    public static void requireMayRequestAdjustment(KeyTask task, Actor actor) {
        requireSpeaksFor(task, actor);
        requireAdjustable(task);
    }

    /**
     * Asked when the request is made and again when it is approved: the task may have been
     * cancelled or completed while the request waited.
     */
    public static void requireAdjustable(KeyTask task) {
        if (!isAdjustable(task.status())) {
            throw new RuleViolation(DomainMessage.TASK_NOT_ADJUSTABLE, task.status());
        }
    }

    /** Adding or removing sub-items: the lead unit or the office, while the declaration is editable. */
    public static void requireMayShapeBreakdown(KeyTask task, Actor actor) {
        requireSpeaksFor(task, actor);
        if (!isEditable(task.status())) {
            throw new RuleViolation(DomainMessage.TASK_BREAKDOWN_NOT_EDITABLE, task.status());
        }
    }

    /**
     * Changing a sub-item: the lead unit, the office, or the unit responsible for it (which cannot
     * hand it to another unit); once registered, only the person and milestones change here.
     */
    public static void requireMayChangeSubItem(KeyTask task, Actor actor, UUID responsibleUnitId, UUID newResponsibleUnitId,
            boolean samePlan) {
        boolean shapes = speaksFor(task, actor);
        if (!shapes && !responsibleUnitId.equals(actor.unitId())) {
            throw new NotPermitted(DomainMessage.SUB_ITEM_CHANGE_NOT_PERMITTED);
        }
        if (!shapes && !newResponsibleUnitId.equals(responsibleUnitId)) {
            throw new NotPermitted(DomainMessage.SUB_ITEM_REASSIGN_NOT_PERMITTED);
        }
        if (!isEditable(task.status()) && !samePlan) {
            throw new RuleViolation(DomainMessage.SUB_ITEM_PLAN_NOT_EDITABLE, task.status());
        }
    }

    private static void requireSpeaksFor(KeyTask task, Actor actor) {
        if (!speaksFor(task, actor)) {
            throw new NotPermitted(DomainMessage.TASK_LEAD_OR_OFFICE_ONLY);
        }
    }

    private static boolean isOffice(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE);
    }

    /**
     * The yearly period in which units declare ({@code 01-01/03-31}), or always when not configured.
     */
    public record DeclarationWindow(MonthDay from, MonthDay to) {

        public static final DeclarationWindow ALWAYS = new DeclarationWindow(null, null);

        /** Reads {@code MM-dd/MM-dd}; refuses anything else, so a mistyped setting stops the start. */
        public static DeclarationWindow parse(String text) {
            if (!text.matches("\\d{2}-\\d{2}\\s*/\\s*\\d{2}-\\d{2}")) {
                throw new IllegalArgumentException("A declaration window looks like 01-01/03-31");
            }
            String[] bounds = text.split("/");
            return new DeclarationWindow(MonthDay.parse("--" + bounds[0].trim()), MonthDay.parse("--" + bounds[1].trim()));
        }

        /** Refuses a unit's declaration for {@code year} outside the window. */
        public void require(int year, LocalDate today) {
            if (from == null) {
                return;
            }
            LocalDate first = from.atYear(year);
            LocalDate last = to.atYear(year);
            if (today.isBefore(first) || today.isAfter(last)) {
                throw new RuleViolation(DomainMessage.TASK_DECLARATION_WINDOW_CLOSED, year, first, last);
            }
        }
    }
}
