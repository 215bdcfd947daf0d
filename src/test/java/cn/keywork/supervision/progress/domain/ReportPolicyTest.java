package cn.keywork.supervision.progress.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.keywork.supervision.domain.RuleViolation;

/** R5: the report's moves and its deadline, as tables a reader can check against the rules. */
class ReportPolicyTest {

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @CsvSource({
            "DRAFT, SUBMIT, SUBMITTED", "DRAFT, ACCEPT, -", "DRAFT, RETURN, -",
            "SUBMITTED, SUBMIT, -", "SUBMITTED, ACCEPT, ACCEPTED", "SUBMITTED, RETURN, RETURNED",
            "RETURNED, SUBMIT, SUBMITTED", "RETURNED, ACCEPT, -", "RETURNED, RETURN, -",
            "ACCEPTED, SUBMIT, -", "ACCEPTED, ACCEPT, -", "ACCEPTED, RETURN, -",
            "NOT_REPORTED, SUBMIT, -", "NOT_REPORTED, ACCEPT, -", "NOT_REPORTED, RETURN, -" })
    void r5_every_move_of_a_report(ReportStatus from, ReportAction action, String to) {
        if (to.equals("-")) {
            assertThatThrownBy(() -> ReportPolicy.after(from, action)).isInstanceOf(RuleViolation.class)
                    .satisfies(e -> assertThat(((RuleViolation) e).arguments()).contains(from.name(), action.name()));
        } else {
            assertThat(ReportPolicy.after(from, action)).isEqualTo(ReportStatus.valueOf(to));
        }
    }

    @ParameterizedTest(name = "{0} due {1}: {2} late={3}")
    @CsvSource({
            "25, 2026-11, 2026-11-25T15:59:59Z, false",
            "25, 2026-11, 2026-11-25T16:00:00Z, true",
            "31, 2026-02, 2026-02-28T15:59:59Z, false",
            "31, 2026-02, 2026-02-28T16:00:00Z, true",
            "1, 2026-12, 2026-11-30T20:00:00Z, false" })
    void r5_a_report_is_late_from_the_day_after_the_deadline_day_in_the_city_s_time(int day, String month, String at,
            boolean late) {
        ReportingDeadline deadline = new ReportingDeadline(day, ZoneId.of("Asia/Shanghai"));
        assertThat(deadline.isLate(YearMonth.parse(month), Instant.parse(at))).isEqualTo(late);
    }
}
