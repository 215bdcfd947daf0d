package cn.keywork.supervision.notification.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.domain.NotificationKind;
import cn.keywork.supervision.notification.domain.NotificationRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The inbox rows of one account, and the report-due reminders; plain SQL in the caller's session. */
@ApplicationScoped
public class NotificationRepository {

    private static final String COLUMNS = "SELECT n.id, n.kind, n.title, n.body, n.link, n.period, n.created_at, n.read_at"
            + " FROM notification n WHERE n.recipient_id = :me";

    private static String readFilter(Boolean unread) {
        if (unread == null) {
            return "";
        }
        return unread ? " AND n.read_at IS NULL" : " AND n.read_at IS NOT NULL";
    }

    /** One page of the account's notifications, newest first. */
    public Uni<List<NotificationRow>> page(UUID recipient, Boolean unread, int limit, int offset) {
        String sql = COLUMNS + readFilter(unread) + " ORDER BY n.created_at DESC, n.id DESC LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("me", recipient).setParameter("limit", limit).setParameter("offset", offset)
                .getResultList())
                .map(rows -> rows.stream().map(NotificationRepository::row).toList());
    }

    public Uni<Long> count(UUID recipient, Boolean unread) {
        String sql = "SELECT count(*) FROM notification n WHERE n.recipient_id = :me" + readFilter(unread);
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("me", recipient).getSingleResult());
    }

    /** Marks one of the account's notifications read (keeping the first time); 0 when it has none of that id. */
    public Uni<Integer> markRead(UUID recipient, UUID id, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE notification SET read_at = coalesce(read_at, :now) WHERE id = :id AND recipient_id = :me")
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("id", id).setParameter("me", recipient)
                .executeUpdate());
    }

    /** Marks every unread notification of the account read; how many. */
    public Uni<Integer> markAllRead(UUID recipient, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE notification SET read_at = :now WHERE recipient_id = :me AND read_at IS NULL")
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).setParameter("me", recipient).executeUpdate());
    }

    /**
     * One set-based INSERT of REPORT_DUE notifications for the unit accounts (UNIT_HEAD, UNIT_LIAISON)
     * of the lead and cooperating units of the year's ACTIVE tasks without a SUBMITTED or ACCEPTED
     * report of the month. A task's reminder is written once per account and month (the unique key),
     * so a repeat writes nothing; returns how many were written.
     */
    public Uni<Integer> remindDue(String period, int year, LocalDate deadline, Instant now) {
        String sql = """
                INSERT INTO notification (id, recipient_id, kind, cause, period, title, body, link, created_at)
                SELECT gen_random_uuid(), due.recipient_id, 'REPORT_DUE', cast(due.task_id AS varchar), cast(:period AS varchar),
                       cast(:period AS text) || '月进展报告待报送',
                       '任务 ' || due.label || ' 的 ' || cast(:period AS text) || ' 月进展报告尚未报送，报送截止日期为 '
                           || cast(:deadline AS text) || '。',
                       '/api/v1/tasks/' || due.task_id || '/reports/' || cast(:period AS text), :now
                FROM (""" + DUE + """
                ) due
                ON CONFLICT DO NOTHING""";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql)
                .setParameter("period", period).setParameter("deadline", deadline.toString()).setParameter("year", year)
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).executeUpdate());
    }

    /** How many reminders {@link #remindDue} would write now, changing nothing (a dry run). */
    public Uni<Long> countDue(String period, int year) {
        String sql = "SELECT count(*) FROM (" + DUE + ") due WHERE NOT EXISTS (SELECT 1 FROM notification n"
                + " WHERE n.recipient_id = due.recipient_id AND n.kind = 'REPORT_DUE'"
                + " AND n.cause = cast(due.task_id AS varchar) AND n.period = cast(:period AS varchar))";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Long.class)
                .setParameter("period", period).setParameter("year", year).getSingleResult());
    }

    /** The accounts to remind and their tasks: the unit accounts of the year's ACTIVE tasks without a report in. */
    private static final String DUE = """
                SELECT DISTINCT u.id AS recipient_id, k.id AS task_id, coalesce(k.code, k.title) AS label
                FROM key_task k
                JOIN app_user u ON u.active AND u.kind = 'PERSON'
                     AND (has_role(u.roles, 'UNIT_HEAD') OR has_role(u.roles, 'UNIT_LIAISON'))
                     AND (u.unit_id = k.lead_unit_id
                          OR u.unit_id IN (SELECT c.unit_id FROM key_task_cooperation c WHERE c.task_id = k.id))
                WHERE k.status = 'ACTIVE' AND k.year = :year
                  AND NOT EXISTS (SELECT 1 FROM progress_report r WHERE r.task_id = k.id
                                  AND r.period = cast(:period AS char(7)) AND r.status IN ('SUBMITTED', 'ACCEPTED'))""";

    private static NotificationRow row(Object[] row) {
        return new NotificationRow((UUID) row[0], NotificationKind.valueOf((String) row[1]), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], instant(row[6]), instant(row[7]));
    }

}
