package cn.keywork.supervision.evaluation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/** R14: a round's phases, the rules of its content and who sees which rounds, as tables. */
class RoundRulesTest {

    private static RoundDraft changing(List<Criterion> criteria, String title) {
        return new RoundDraft(null, title, null, criteria, null, null, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({ "DRAFT, OPEN_REPORTING, REPORTING", "REPORTING, OPEN_INQUIRY, INQUIRY", "INQUIRY, OPEN_SCORING, SCORING",
            "SCORING, CLOSE, CLOSED", "CLOSED, PUBLISH, PUBLISHED" })
    void r14_each_phase_has_exactly_one_way_forward(RoundStatus from, RoundAction action, RoundStatus to) {
        assertThat(RoundPolicy.after(from, action)).isEqualTo(to);
        for (RoundStatus other : RoundStatus.values()) {
            if (other != from) {
                assertThatThrownBy(() -> RoundPolicy.after(other, action)).isInstanceOf(RuleViolation.class);
            }
        }
    }

    @Test
    void r14_the_default_criteria_weigh_100_and_other_sums_or_repeated_codes_are_refused() {
        assertThatCode(() -> RoundRules.requireCriteria(RoundRules.DEFAULT_CRITERIA)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RoundRules.requireCriteria(List.of(new Criterion("A", "a", new BigDecimal("99.99")))))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> RoundRules.requireCriteria(List.of(new Criterion("A", "a", new BigDecimal("50")),
                new Criterion("A", "b", new BigDecimal("50"))))).isInstanceOf(InvalidInput.class);
        assertThatCode(() -> RoundRules.requireCriteria(List.of(new Criterion("A", "a", new BigDecimal("33.33")),
                new Criterion("B", "b", new BigDecimal("66.67"))))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(RoundStatus.class)
    void r14_criteria_change_only_in_draft_titles_until_the_round_closes(RoundStatus status) {
        boolean draft = status == RoundStatus.DRAFT;
        boolean closed = status == RoundStatus.CLOSED || status == RoundStatus.PUBLISHED;
        var criteria = changing(RoundRules.DEFAULT_CRITERIA, null);
        var title = changing(null, "新标题");
        if (draft) {
            assertThatCode(() -> RoundRules.requireChangeable(status, criteria)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> RoundRules.requireChangeable(status, criteria)).isInstanceOf(RuleViolation.class);
        }
        if (closed) {
            assertThatThrownBy(() -> RoundRules.requireChangeable(status, title)).isInstanceOf(RuleViolation.class);
        } else {
            assertThatCode(() -> RoundRules.requireChangeable(status, title)).doesNotThrowAnyException();
        }
        boolean panelsOpen = status.compareTo(RoundStatus.SCORING) < 0;
        if (panelsOpen) {
            assertThatCode(() -> RoundRules.requirePanelsOpen(status)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> RoundRules.requirePanelsOpen(status)).isInstanceOf(RuleViolation.class);
        }
    }

    @Test
    void r14_a_quarter_is_written_2026_q4() {
        assertThat(RoundRules.quarter("2026-Q4").toString()).isEqualTo("2026-Q4");
        for (String wrong : List.of("2026-Q5", "2026-4", "2026Q4", "")) {
            assertThatThrownBy(() -> RoundRules.quarter(wrong)).isInstanceOf(InvalidInput.class);
        }
    }

    @Test
    void r14_the_office_assessment_leaders_and_auditors_see_every_round_evaluators_and_units_their_own() {
        UUID unit = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        for (Role role : List.of(Role.OFFICE, Role.ASSESSMENT, Role.LEADER, Role.AUDITOR)) {
            assertThat(RoundScope.of(new Actor(user, "x", EnumSet.of(role), null, false)).all()).isTrue();
        }
        assertThat(RoundScope.of(Actor.SYSTEM).all()).isTrue();
        assertThat(RoundScope.of(new Actor(user, "e", EnumSet.of(Role.EVALUATOR), null, false)))
                .isEqualTo(new RoundScope(user, null));
        assertThat(RoundScope.of(new Actor(user, "u", EnumSet.of(Role.UNIT_LIAISON), unit, false)))
                .isEqualTo(new RoundScope(null, unit));
        SubjectParties subject = new SubjectParties(UUID.randomUUID(), "2026-ZD-01", "KEY_PROJECT", unit, List.of(user));
        assertThat(subject.answeredBy(unit)).isTrue();
        assertThat(subject.answeredBy(user)).isTrue();
        assertThat(subject.answeredBy(UUID.randomUUID())).isFalse();
        assertThat(subject.answeredBy(null)).isFalse();
    }
}
