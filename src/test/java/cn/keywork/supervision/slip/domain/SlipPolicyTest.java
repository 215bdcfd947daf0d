package cn.keywork.supervision.slip.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/** R7–R9: every move of every slip type, as a table a reader can check against the rules. */
class SlipPolicyTest {

    private static final UUID TARGET = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();
    private static final UUID LEADER_ID = UUID.randomUUID();
    private static final Actor OFFICE = new Actor(UUID.randomUUID(), "office", EnumSet.of(Role.OFFICE), null, false);
    private static final Actor LEADER_IN_CHARGE = new Actor(LEADER_ID, "leader", EnumSet.of(Role.LEADER), null, false);
    private static final Actor OTHER_LEADER = new Actor(UUID.randomUUID(), "leader2", EnumSet.of(Role.LEADER), null,
            false);
    private static final Actor TARGET_UNIT = new Actor(UUID.randomUUID(), "unit", EnumSet.of(Role.UNIT_LIAISON), TARGET,
            false);
    private static final Actor OTHER_UNIT = new Actor(UUID.randomUUID(), "other", EnumSet.of(Role.UNIT_HEAD), OTHER,
            false);
    private static final Actor ASSESSMENT = new Actor(UUID.randomUUID(), "assess", EnumSet.of(Role.ASSESSMENT), null,
            false);
    private static final SlipParties PARTIES = new SlipParties(LEADER_ID, Set.of(TARGET));

    /** The whole table: "type status accepted action → status"; every pair not listed is refused. */
    private static final String[] TABLE = {
            "ASSIGNMENT DRAFT false ISSUE ISSUED", "ASSIGNMENT DRAFT false WITHDRAW WITHDRAWN",
            "URGING DRAFT false ISSUE ISSUED", "URGING DRAFT false WITHDRAW WITHDRAWN",
            "SUPERVISION DRAFT false SUBMIT_FOR_APPROVAL PENDING_APPROVAL",
            "SUPERVISION DRAFT false WITHDRAW WITHDRAWN",
            "SUPERVISION PENDING_APPROVAL false APPROVE APPROVED",
            "SUPERVISION PENDING_APPROVAL false REJECT REJECTED",
            "SUPERVISION PENDING_APPROVAL false WITHDRAW WITHDRAWN",
            "SUPERVISION APPROVED false ISSUE ISSUED", "SUPERVISION APPROVED false WITHDRAW WITHDRAWN",
            "* ISSUED false ACKNOWLEDGE ACKNOWLEDGED", "* ISSUED false WITHDRAW WITHDRAWN",
            "* ACKNOWLEDGED false RESPOND RESPONDED",
            "* RESPONDED false RETURN_RESPONSE ACKNOWLEDGED", "* RESPONDED false ACCEPT_RESPONSE RESPONDED",
            "* RESPONDED true CLOSE CLOSED",
            "URGING ISSUED false ESCALATE ESCALATED", "URGING ACKNOWLEDGED false ESCALATE ESCALATED",
            "URGING RESPONDED false ESCALATE ESCALATED", "URGING RESPONDED true ESCALATE ESCALATED" };

    private static Map<String, SlipStatus> table() {
        Map<String, SlipStatus> moves = new HashMap<>();
        for (String row : TABLE) {
            String[] cell = row.split(" ");
            for (SlipType type : SlipType.values()) {
                if (cell[0].equals("*") || cell[0].equals(type.name())) {
                    moves.put(type + " " + cell[1] + " " + cell[2] + " " + cell[3], SlipStatus.valueOf(cell[4]));
                }
            }
        }
        return moves;
    }

    @Test
    void r7_r8_r9_every_move_of_every_slip_type_is_the_table_and_nothing_else() {
        Map<String, SlipStatus> moves = table();
        int checked = 0;
        for (SlipType type : SlipType.values()) {
            for (SlipStatus status : SlipStatus.values()) {
                for (boolean accepted : new boolean[] { false, true }) {
                    if (accepted && status != SlipStatus.RESPONDED) {
                        continue;
                    }
                    SlipState state = new SlipState(type, status, accepted);
                    for (SlipAction action : SlipAction.values()) {
                        SlipStatus expected = moves.get(type + " " + status + " " + accepted + " " + action);
                        if (expected == null) {
                            assertThatThrownBy(() -> SlipPolicy.after(state, action)).as("%s %s", state, action)
                                    .isInstanceOf(RuleViolation.class);
                        } else {
                            assertThat(SlipPolicy.after(state, action)).as("%s %s", state, action).isEqualTo(expected);
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(SlipType.values().length * (SlipStatus.values().length + 1)
                * SlipAction.values().length);
    }

    @Test
    void r9_a_supervision_order_is_not_issued_without_a_leader_s_approval() {
        assertThatThrownBy(() -> SlipPolicy.after(SlipState.of(SlipType.SUPERVISION, SlipStatus.DRAFT), SlipAction.ISSUE))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).code()).isEqualTo(DomainMessage.SLIP_MOVE_NOT_ALLOWED))
                .satisfies(e -> assertThat(((RuleViolation) e).arguments()).contains("SUBMIT_FOR_APPROVAL, WITHDRAW"));
    }

    @Test
    void r9_closing_without_an_accepted_response_is_refused_naming_the_allowed_moves() {
        assertThatThrownBy(() -> SlipPolicy.after(SlipState.of(SlipType.ASSIGNMENT, SlipStatus.RESPONDED),
                SlipAction.CLOSE))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).arguments()).contains("ACCEPT_RESPONSE, RETURN_RESPONSE"));
    }

    @ParameterizedTest
    @EnumSource(value = SlipStatus.class, names = { "CLOSED", "REJECTED", "WITHDRAWN", "ESCALATED" })
    void r9_a_final_status_says_it_is_final(SlipStatus status) {
        assertThatThrownBy(() -> SlipPolicy.after(SlipState.of(SlipType.URGING, status), SlipAction.WITHDRAW))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).code()).isEqualTo(DomainMessage.SLIP_STATUS_FINAL));
    }

    @ParameterizedTest
    @EnumSource(value = SlipAction.class, names = { "SUBMIT_FOR_APPROVAL", "ISSUE", "ACCEPT_RESPONSE", "ESCALATE" })
    void r9_office_moves_are_the_office_s_alone(SlipAction action) {
        assertThatCode(() -> attempt(action, OFFICE)).doesNotThrowAnyException();
        for (Actor actor : new Actor[] { LEADER_IN_CHARGE, TARGET_UNIT, ASSESSMENT }) {
            assertThatThrownBy(() -> attempt(action, actor)).as(actor.username()).isInstanceOf(NotPermitted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SlipAction.class, names = { "APPROVE", "REJECT" })
    void r9_only_the_task_s_leader_in_charge_decides_on_a_supervision_order(SlipAction action) {
        assertThatCode(() -> attempt(action, LEADER_IN_CHARGE)).doesNotThrowAnyException();
        for (Actor actor : new Actor[] { OTHER_LEADER, OFFICE, TARGET_UNIT }) {
            assertThatThrownBy(() -> attempt(action, actor)).as(actor.username()).isInstanceOf(NotPermitted.class);
        }
        assertThatThrownBy(() -> SlipPolicy.requireMayMake(action, new SlipParties(null, Set.of(TARGET)),
                LEADER_IN_CHARGE)).isInstanceOf(NotPermitted.class);
    }

    @ParameterizedTest
    @EnumSource(value = SlipAction.class, names = { "APPROVE", "REJECT" })
    void r9_a_leader_given_the_right_decides_on_any_supervision_order_and_no_other_role_gains_it(SlipAction action) {
        SlipParties granted = new SlipParties(LEADER_ID, Set.of(TARGET), true);
        assertThatCode(() -> SlipPolicy.requireMayMake(action, granted, OTHER_LEADER)).doesNotThrowAnyException();
        assertThatCode(() -> SlipPolicy.requireMayMake(action, new SlipParties(null, Set.of(TARGET), true), OTHER_LEADER))
                .doesNotThrowAnyException();
        for (Actor actor : new Actor[] { OFFICE, TARGET_UNIT, ASSESSMENT }) {
            assertThatThrownBy(() -> SlipPolicy.requireMayMake(action, granted, actor)).as(actor.username())
                    .isInstanceOf(NotPermitted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SlipAction.class, names = { "ACKNOWLEDGE", "RESPOND", "ISSUE" })
    void r9_the_right_to_approve_opens_no_other_move(SlipAction action) {
        SlipParties granted = new SlipParties(LEADER_ID, Set.of(TARGET), true);
        assertThatThrownBy(() -> SlipPolicy.requireMayMake(action, granted, OTHER_LEADER))
                .isInstanceOf(NotPermitted.class);
    }

    @ParameterizedTest
    @EnumSource(value = SlipAction.class, names = { "ACKNOWLEDGE", "RESPOND" })
    void r9_only_a_target_unit_signs_for_and_answers_a_slip(SlipAction action) {
        assertThatCode(() -> attempt(action, TARGET_UNIT)).doesNotThrowAnyException();
        for (Actor actor : new Actor[] { OTHER_UNIT, OFFICE, LEADER_IN_CHARGE }) {
            assertThatThrownBy(() -> attempt(action, actor)).as(actor.username()).isInstanceOf(NotPermitted.class);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SlipAction.class, names = { "APPROVE", "REJECT", "RESPOND", "RETURN_RESPONSE", "WITHDRAW" })
    void r9_opinions_answers_returns_and_withdrawals_need_a_comment(SlipAction action) {
        assertThatThrownBy(() -> SlipPolicy.requireMayAttempt(action, " ", null, OFFICE))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void r9_closing_needs_an_outcome_and_only_closing_takes_one() {
        assertThatThrownBy(() -> SlipPolicy.requireMayAttempt(SlipAction.CLOSE, null, null, OFFICE))
                .isInstanceOf(InvalidInput.class);
        assertThatCode(() -> SlipPolicy.requireMayAttempt(SlipAction.CLOSE, null, SlipOutcome.RESOLVED, OFFICE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SlipPolicy.requireMayAttempt(SlipAction.ISSUE, null, SlipOutcome.RESOLVED, OFFICE))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void r9_only_a_draft_is_edited() {
        assertThatCode(() -> SlipPolicy.requireEditable(SlipStatus.DRAFT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SlipPolicy.requireEditable(SlipStatus.ISSUED))
                .isInstanceOf(cn.keywork.supervision.domain.Conflict.class);
    }

    private static void attempt(SlipAction action, Actor actor) {
        SlipPolicy.requireMayAttempt(action, "because", action == SlipAction.CLOSE ? SlipOutcome.RESOLVED : null, actor);
        SlipPolicy.requireMayMake(action, PARTIES, actor);
    }
}
