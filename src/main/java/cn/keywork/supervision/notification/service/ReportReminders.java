package cn.keywork.supervision.notification.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.repository.NotificationRepository;
import io.smallrye.mutiny.Uni;

/**
 * Report-due reminders (REPORT_DUE), written by the monthly cycle's first step before the reporting
 * deadline. Runs in the caller's transaction ({@code @WithTransaction} upstream), so the reminders
 * exist exactly when the cycle's step is recorded as done.
 */
@ApplicationScoped
public class ReportReminders {

    private final NotificationRepository notifications;
    private final Clock clock;

    ReportReminders(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Reminds the lead and cooperating units' accounts of each ACTIVE task of the month's year that
     * has no SUBMITTED or ACCEPTED report of {@code period} ({@code 2026-11}); one set-based INSERT.
     * Idempotent: a reminder already written for an account, task and month is not written again.
     *
     * @return how many reminders were written now
     */
    public Uni<Integer> remindDue(String period, LocalDate deadline) {
        YearMonth month = YearMonth.parse(period);
        return notifications.remindDue(month.toString(), month.getYear(), deadline, clock.instant());
    }

    /** How many reminders {@link #remindDue} would write now; changes nothing (the cycle's dry run). */
    public Uni<Long> countDue(String period) {
        YearMonth month = YearMonth.parse(period);
        return notifications.countDue(month.toString(), month.getYear());
    }
}
