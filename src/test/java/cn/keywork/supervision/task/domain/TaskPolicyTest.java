package cn.keywork.supervision.task.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/** The rules of a task, checked as tables against the seed's life cycle (R2). */
class TaskPolicyTest {

    private static final UUID LEAD = UUID.randomUUID();
    private static final Actor OFFICE = new Actor(UUID.randomUUID(), "office", EnumSet.of(Role.OFFICE), null, false);
    private static final Actor LEAD_UNIT = new Actor(UUID.randomUUID(), "lead", EnumSet.of(Role.UNIT_LIAISON), LEAD, false);
    private static final Actor OTHER_UNIT = new Actor(UUID.randomUUID(), "other", EnumSet.of(Role.UNIT_LIAISON),
            UUID.randomUUID(), false);

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @CsvSource({
            "DRAFT, SUBMIT, SUBMITTED", "DRAFT, CANCEL, CANCELLED",
            "SUBMITTED, ACCEPT, ACTIVE", "SUBMITTED, RETURN, RETURNED", "SUBMITTED, CANCEL, CANCELLED",
            "RETURNED, SUBMIT, SUBMITTED", "RETURNED, CANCEL, CANCELLED",
            "ACTIVE, COMPLETE, COMPLETED", "ACTIVE, CANCEL, CANCELLED",
            "COMPLETED, CLOSE, CLOSED" })
    void each_legal_move_leads_where_the_seed_says(TaskStatus from, TaskAction action, TaskStatus to) {
        assertThat(TaskPolicy.after(from, action)).isEqualTo(to);
    }

    @Test
    void every_other_move_is_refused_naming_the_status_the_move_and_what_is_allowed() {
        int legal = 0;
        for (TaskStatus status : TaskStatus.values()) {
            for (TaskAction action : TaskAction.values()) {
                if (TaskPolicy.allowed(status).contains(action)) {
                    legal++;
                    continue;
                }
                assertThatThrownBy(() -> TaskPolicy.after(status, action))
                        .isInstanceOfSatisfying(RuleViolation.class, refusal -> {
                            assertThat(refusal.code()).isEqualTo(TaskPolicy.allowed(status).isEmpty()
                                    ? DomainMessage.TASK_STATUS_FINAL : DomainMessage.TASK_MOVE_NOT_ALLOWED);
                            assertThat(refusal.arguments().subList(0, 2)).containsExactly(status.name(), action.name());
                        });
            }
        }
        assertThat(legal).isEqualTo(10);
        assertThat(TaskPolicy.allowed(TaskStatus.CLOSED)).isEmpty();
        assertThat(TaskPolicy.allowed(TaskStatus.CANCELLED)).isEmpty();
    }

    @ParameterizedTest(name = "{0}: editable {1}, adjustable {2}, in the register {3}")
    @CsvSource({
            "DRAFT, true, false, false", "SUBMITTED, false, false, false", "RETURNED, true, false, false",
            "ACTIVE, false, true, true", "COMPLETED, false, false, true", "CLOSED, false, false, true",
            "CANCELLED, false, false, false" })
    void what_each_status_allows(TaskStatus status, boolean editable, boolean adjustable, boolean registered) {
        assertThat(TaskPolicy.isEditable(status)).isEqualTo(editable);
        assertThat(TaskPolicy.isAdjustable(status)).isEqualTo(adjustable);
        assertThat(TaskPolicy.isRegistered(status)).isEqualTo(registered);
    }

    @Test
    void units_only_submit_and_every_office_move_but_accept_and_close_needs_a_note() {
        assertThat(TaskPolicy.isOffices(TaskAction.SUBMIT)).isFalse();
        for (TaskAction action : Set.of(TaskAction.ACCEPT, TaskAction.RETURN, TaskAction.COMPLETE, TaskAction.CLOSE,
                TaskAction.CANCEL)) {
            assertThat(TaskPolicy.isOffices(action)).as(action.name()).isTrue();
            assertThatThrownBy(() -> TaskPolicy.requireMayAttempt(action, "说明", LEAD_UNIT)).isInstanceOf(NotPermitted.class);
        }
        assertThat(EnumSet.allOf(TaskAction.class).stream().filter(TaskPolicy::needsNote))
                .containsExactlyInAnyOrder(TaskAction.RETURN, TaskAction.COMPLETE, TaskAction.CANCEL);
        assertThatThrownBy(() -> TaskPolicy.requireMayAttempt(TaskAction.RETURN, " ", OFFICE))
                .isInstanceOfSatisfying(InvalidInput.class,
                        refusal -> assertThat(refusal.violations()).singleElement()
                                .satisfies(violation -> assertThat(violation.field()).isEqualTo("note")));
    }

    @Test
    void the_lead_unit_and_the_office_speak_for_a_task_and_no_other_unit() {
        KeyTask task = task(TaskStatus.DRAFT);
        assertThat(TaskPolicy.speaksFor(task, LEAD_UNIT)).isTrue();
        assertThat(TaskPolicy.speaksFor(task, OFFICE)).isTrue();
        assertThat(TaskPolicy.speaksFor(task, Actor.SYSTEM)).isTrue();
        assertThat(TaskPolicy.speaksFor(task, OTHER_UNIT)).isFalse();
        assertThatThrownBy(() -> TaskPolicy.requireMayEdit(task, OTHER_UNIT, LEAD)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> TaskPolicy.requireMayEdit(task, LEAD_UNIT, UUID.randomUUID()))
                .isInstanceOfSatisfying(NotPermitted.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(DomainMessage.TASK_KEEP_LEAD_UNIT));
        TaskPolicy.requireMayEdit(task, LEAD_UNIT, LEAD);
        assertThatThrownBy(() -> TaskPolicy.requireMayEdit(task(TaskStatus.ACTIVE), LEAD_UNIT, LEAD))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> TaskPolicy.requireMayDeclare(OTHER_UNIT, LEAD)).isInstanceOf(NotPermitted.class);
        TaskPolicy.requireMayDeclare(OFFICE, LEAD);
    }

    @Test
    void only_active_tasks_are_adjusted_and_only_editable_ones_reshape_their_breakdown() {
        TaskPolicy.requireMayRequestAdjustment(task(TaskStatus.ACTIVE), LEAD_UNIT);
        assertThatThrownBy(() -> TaskPolicy.requireMayRequestAdjustment(task(TaskStatus.COMPLETED), LEAD_UNIT))
                .isInstanceOf(RuleViolation.class);
        assertThatThrownBy(() -> TaskPolicy.requireMayRequestAdjustment(task(TaskStatus.ACTIVE), OTHER_UNIT))
                .isInstanceOf(NotPermitted.class);
        TaskPolicy.requireMayShapeBreakdown(task(TaskStatus.RETURNED), LEAD_UNIT);
        assertThatThrownBy(() -> TaskPolicy.requireMayShapeBreakdown(task(TaskStatus.ACTIVE), OFFICE))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void the_unit_answering_for_a_sub_item_changes_its_person_but_neither_reassigns_nor_replans_a_registered_task() {
        UUID partner = OTHER_UNIT.unitId();
        KeyTask active = task(TaskStatus.ACTIVE);
        TaskPolicy.requireMayChangeSubItem(active, OTHER_UNIT, partner, partner, true);
        assertThatThrownBy(() -> TaskPolicy.requireMayChangeSubItem(active, OTHER_UNIT, partner, LEAD, true))
                .isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> TaskPolicy.requireMayChangeSubItem(active, OTHER_UNIT, UUID.randomUUID(),
                UUID.randomUUID(), true)).isInstanceOf(NotPermitted.class);
        assertThatThrownBy(() -> TaskPolicy.requireMayChangeSubItem(active, LEAD_UNIT, partner, partner, false))
                .isInstanceOf(RuleViolation.class);
        TaskPolicy.requireMayChangeSubItem(task(TaskStatus.DRAFT), LEAD_UNIT, partner, LEAD, false);
    }

    @ParameterizedTest(name = "{0}: open {1}")
    @CsvSource({ "2025-12-31, false", "2026-01-01, true", "2026-03-31, true", "2026-04-01, false" })
    void units_declare_within_the_window_and_the_office_at_any_time(LocalDate today, boolean open) {
        TaskPolicy.DeclarationWindow window = TaskPolicy.DeclarationWindow.parse("01-01 / 03-31");
        KeyTask draft = task(TaskStatus.DRAFT);
        if (open) {
            assertThat(TaskPolicy.requireMove(draft, TaskAction.SUBMIT, null, LEAD_UNIT, window, today))
                    .isEqualTo(TaskStatus.SUBMITTED);
        } else {
            assertThatThrownBy(() -> TaskPolicy.requireMove(draft, TaskAction.SUBMIT, null, LEAD_UNIT, window, today))
                    .isInstanceOfSatisfying(RuleViolation.class, refusal -> assertThat(refusal.arguments())
                            .containsExactly("2026", "2026-01-01", "2026-03-31"));
        }
        assertThat(TaskPolicy.requireMove(draft, TaskAction.SUBMIT, null, OFFICE, window, today)).isEqualTo(TaskStatus.SUBMITTED);
        TaskPolicy.DeclarationWindow.ALWAYS.require(2026, today);
    }

    @Test
    void a_mistyped_window_is_refused() {
        assertThatThrownBy(() -> TaskPolicy.DeclarationWindow.parse("1-1/3-31")).isInstanceOf(IllegalArgumentException.class);
    }

    private static KeyTask task(TaskStatus status) {
        TaskDetails details = new TaskDetails(2026, TaskCategory.OTHER, "任务", "目标", "内容", LocalDate.of(2026, 12, 31),
                LEAD, java.util.List.of(), null, null, null, null, null, null);
        return KeyTask.declare(details, status, java.time.Instant.now());
    }
}
