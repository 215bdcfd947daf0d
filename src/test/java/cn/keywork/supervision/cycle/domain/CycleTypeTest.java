package cn.keywork.supervision.cycle.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.cycle.service.CycleCalendar;

/** Periods of the cycles and the days they fire on (R10, R13), without a database. */
class CycleTypeTest {

    @Test
    void r13_each_cycle_takes_only_its_own_periods() {
        assertThat(CycleType.MONTHLY.fits("2026-11")).isTrue();
        assertThat(CycleType.MONTHLY.fits("2026-13")).isFalse();
        assertThat(CycleType.MONTHLY.fits("2026-Q4")).isFalse();
        assertThat(CycleType.QUARTERLY.fits("2026-Q4")).isTrue();
        assertThat(CycleType.QUARTERLY.fits("2026-Q5")).isFalse();
        assertThat(CycleType.YEARLY.fits("2026")).isTrue();
        assertThat(CycleType.YEARLY.fits("2026-11")).isFalse();
    }

    @Test
    void r13_a_run_fired_on_a_day_is_for_that_month_the_quarter_before_or_that_year() {
        assertThat(CycleType.MONTHLY.periodFiredOn(LocalDate.of(2026, 11, 30))).isEqualTo("2026-11");
        assertThat(CycleType.MONTHLY.periodFiredOn(LocalDate.of(2026, 12, 1))).isEqualTo("2026-12");
        assertThat(CycleType.QUARTERLY.periodFiredOn(LocalDate.of(2027, 1, 1))).isEqualTo("2026-Q4");
        assertThat(CycleType.QUARTERLY.periodFiredOn(LocalDate.of(2026, 10, 3))).isEqualTo("2026-Q3");
        assertThat(CycleType.YEARLY.periodFiredOn(LocalDate.of(2026, 12, 20))).isEqualTo("2026");
        assertThat(CycleType.QUARTERLY.firstDay("2026-Q4")).isEqualTo(LocalDate.of(2026, 10, 1));
    }

    @Test
    void r10_the_quarterly_run_starts_on_the_first_working_day_after_the_quarter() {
        // 2028-01-01 is a Saturday: the run starts on Monday the 3rd
        assertThat(CycleCalendar.firstWorkingDayOfMonth(LocalDate.of(2028, 1, 1))).isFalse();
        assertThat(CycleCalendar.firstWorkingDayOfMonth(LocalDate.of(2028, 1, 2))).isFalse();
        assertThat(CycleCalendar.firstWorkingDayOfMonth(LocalDate.of(2028, 1, 3))).isTrue();
        // 2026-10-01 is a Thursday
        assertThat(CycleCalendar.firstWorkingDayOfMonth(LocalDate.of(2026, 10, 1))).isTrue();
        assertThat(CycleCalendar.firstWorkingDayOfMonth(LocalDate.of(2026, 10, 2))).isFalse();
    }
}
