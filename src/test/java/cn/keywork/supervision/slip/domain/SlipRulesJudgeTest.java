package cn.keywork.supervision.slip.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.domain.DomainException;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.RuleViolation;

/** R7–R9 as a function of the facts, without a database. */
class SlipRulesJudgeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final BigDecimal YELLOW = new BigDecimal("10");
    private static final BigDecimal RED = new BigDecimal("20");

    private static RuleFacts facts(String light, String lag, String subItemLag, RuleFacts.Urging urging) {
        return new RuleFacts(null, "2026-10", light, lag == null ? null : new BigDecimal(lag),
                subItemLag == null ? null : new BigDecimal(subItemLag), YELLOW, RED, urging);
    }

    private static RuleFacts.Urging urging(LocalDate deadline, String lagAtIssue) {
        return new RuleFacts.Urging(UUID.randomUUID(), "督催〔2026〕3号", deadline, "2026-09",
                lagAtIssue == null ? null : new BigDecimal(lagAtIssue), lagAtIssue == null ? null : "RED");
    }

    private static DomainMessage refusal(Runnable judged) {
        try {
            judged.run();
        } catch (DomainException refused) {
            return refused.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void r8_a_green_task_is_urged_for_a_sub_item_lagging_by_its_category_s_thresholds() {
        assertThat(SlipRules.judge(SlipType.URGING, facts("GREEN", "4", "12", null), null, TODAY)).isEqualTo(SlipRule.R8_YELLOW);
        assertThat(SlipRules.judge(SlipType.URGING, facts("GREEN", "4", "20", null), null, TODAY)).isEqualTo(SlipRule.R8_RED);
        assertThat(refusal(() -> SlipRules.judge(SlipType.URGING, facts("GREEN", "4", "9.99", null), null, TODAY)))
                .isEqualTo(DomainMessage.SLIP_R8_NOT_LAGGING);
    }

    @Test
    void r8_without_a_closed_month_only_an_override_urges() {
        RuleFacts none = new RuleFacts(null, null, null, null, null, YELLOW, RED, null);
        assertThat(refusal(() -> SlipRules.judge(SlipType.URGING, none, null, TODAY)))
                .isEqualTo(DomainMessage.SLIP_R8_NO_CLOSED_MONTH);
        assertThat(SlipRules.judge(SlipType.URGING, none, "现场发现", TODAY)).isEqualTo(SlipRule.OVERRIDE);
    }

    @Test
    void r9_the_urging_slip_must_be_past_its_deadline_on_the_day_after_not_on_the_day() {
        assertThat(refusal(() -> SlipRules.judge(SlipType.SUPERVISION, facts("RED", "30", null, urging(TODAY, "30")), null,
                TODAY))).isEqualTo(DomainMessage.SLIP_R9_URGING_NOT_DUE);
        assertThat(SlipRules.judge(SlipType.SUPERVISION, facts("RED", "30", null, urging(TODAY.minusDays(1), "30")), null,
                TODAY)).isEqualTo(SlipRule.R9);
    }

    @Test
    void r9_is_judged_on_a_month_closed_after_the_one_the_urging_slip_was_issued_on() {
        RuleFacts sameMonth = new RuleFacts(null, "2026-09", "RED", new BigDecimal("30"), null, YELLOW, RED,
                urging(TODAY.minusDays(1), "30"));
        assertThat(refusal(() -> SlipRules.judge(SlipType.SUPERVISION, sameMonth, null, TODAY)))
                .isEqualTo(DomainMessage.SLIP_R9_NO_LATER_MONTH);
    }

    @Test
    void r9_an_equal_lag_is_not_better_and_a_smaller_one_is() {
        assertThat(SlipRules.judge(SlipType.SUPERVISION, facts("RED", "30.00", null, urging(TODAY.minusDays(1), "30")),
                null, TODAY)).isEqualTo(SlipRule.R9);
        assertThat(refusal(() -> SlipRules.judge(SlipType.SUPERVISION,
                facts("RED", "29.5", null, urging(TODAY.minusDays(1), "30")), null, TODAY)))
                .isEqualTo(DomainMessage.SLIP_R9_LAG_IMPROVED);
    }

    @Test
    void r9_an_urging_slip_issued_without_figures_counts_while_the_task_still_lags() {
        assertThat(SlipRules.judge(SlipType.SUPERVISION, facts("NOT_REPORTED", "5", null, urging(TODAY.minusDays(3), null)),
                null, TODAY)).isEqualTo(SlipRule.R9);
        assertThat(refusal(() -> SlipRules.judge(SlipType.SUPERVISION,
                facts("GREEN", "5", null, urging(TODAY.minusDays(3), null)), null, TODAY)))
                .isEqualTo(DomainMessage.SLIP_R9_NOT_LAGGING);
    }

    @Test
    void r9_admits_no_override_and_r7_admits_one() {
        assertThatThrownBy(() -> SlipRules.judge(SlipType.SUPERVISION, facts("RED", "30", null, null), "领导要求", TODAY))
                .isInstanceOf(InvalidInput.class);
        RuleFacts documented = new RuleFacts("示政发〔2026〕1号", "2026-10", "GREEN", BigDecimal.ZERO, null, YELLOW, RED, null);
        assertThatThrownBy(() -> SlipRules.judge(SlipType.ASSIGNMENT, documented, null, TODAY))
                .isInstanceOf(RuleViolation.class);
        assertThat(SlipRules.judge(SlipType.ASSIGNMENT, documented, "会议新增要求", TODAY)).isEqualTo(SlipRule.OVERRIDE);
    }
}
