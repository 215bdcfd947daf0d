package cn.keywork.supervision.cycle.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.progress.lights.service.ProgressSettings;

/** The city's dates the cycles' steps wait for: reporting deadlines, reminder days, quarter ends. */
@ApplicationScoped
public class CycleCalendar {

    private final Clock clock;
    private final ZoneId zone;
    private final int deadlineDay;
    private final int remindDaysBefore;

    CycleCalendar(Clock clock, SupervisionConfig config, ProgressSettings progress) {
        this.clock = clock;
        this.zone = config.timeZone();
        this.deadlineDay = progress.reportingDeadlineDay();
        this.remindDaysBefore = config.cycles().remindDaysBefore();
    }

    public ZoneId zone() {
        return zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The month's reporting deadline ({@code supervision.progress.reporting-deadline-day}, at most the month's last day). */
    public LocalDate deadline(String month) {
        YearMonth parsed = YearMonth.parse(month);
        return parsed.atDay(Math.min(deadlineDay, parsed.lengthOfMonth()));
    }

    /** The first day on which units are reminded of the month's report. */
    public LocalDate remindFrom(String month) {
        return deadline(month).minusDays(remindDaysBefore);
    }

    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Whether {@code day} is the first Monday-to-Friday day of its month (the quarterly run's day). */
    public static boolean firstWorkingDayOfMonth(LocalDate day) {
        if (isWeekend(day)) {
            return false;
        }
        for (LocalDate earlier = day.withDayOfMonth(1); earlier.isBefore(day); earlier = earlier.plusDays(1)) {
            if (!isWeekend(earlier)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
