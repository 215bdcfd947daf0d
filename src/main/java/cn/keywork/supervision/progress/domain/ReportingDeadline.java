package cn.keywork.supervision.progress.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The report for month M is due by the end of day {@code day} of M in the city's time zone (the
 * month's last day when it is shorter); a first submission after that is late.
 */
public record ReportingDeadline(int day, ZoneId zone) {

    public ReportingDeadline {
        if (day < 1 || day > 31) {
            throw new IllegalArgumentException("The reporting deadline day lies between 1 and 31, not " + day);
        }
    }

    public LocalDate dueDate(YearMonth month) {
        return month.atDay(Math.min(day, month.lengthOfMonth()));
    }

    /** The first instant that is too late. */
    public Instant lateFrom(YearMonth month) {
        return dueDate(month).plusDays(1).atStartOfDay(zone).toInstant();
    }

    public boolean isLate(YearMonth month, Instant submittedAt) {
        return !submittedAt.isBefore(lateFrom(month));
    }
}
