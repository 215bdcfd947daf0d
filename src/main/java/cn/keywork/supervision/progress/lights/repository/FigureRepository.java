package cn.keywork.supervision.progress.lights.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.progress.lights.domain.Light;
import cn.keywork.supervision.progress.lights.domain.LightRules;
import cn.keywork.supervision.progress.lights.domain.ProgressMonth;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Computes and stores the figures of many tasks at once, in the caller's session and transaction:
 * sub-item figures, task figures and the {@code light.changed} events of the lights that changed,
 * in one statement that computes the sub-item figures once.
 */
@ApplicationScoped
public class FigureRepository {

    /** How many figures were stored and how many lights changed. */
    public record Stored(long figures, long changed) {
    }

    /** A task as the history needs it; null fields when it has no plan. */
    public record TaskPlanSpan(UUID taskId, String code, int year, LocalDate deadline, String firstPlanned) {
    }

    /**
     * Computes {@code period} for every registered task of its year, or for {@code taskId} only,
     * and stores the figures; the month counts as closed when its ledger is, or when {@code forceClosed}.
     */
    public Uni<Stored> store(String period, UUID taskId, boolean forceClosed, LightRules rules, LocalDate today,
            OffsetDateTime now, UUID actor) {
        String ctes = FigureSql.ctes(FigureSql.onePeriod(), true, taskId == null ? "" : "k.id = :task", "", rules.general(),
                rules.byCategory());
        // one statement: the sub-item figures (s) are computed once, stored and summed up for the tasks (f)
        String sql = ctes + ", sub AS (INSERT INTO progress_sub_item_figure (sub_item_id, period, task_id, planned, actual, lag, computed_at) "
                + "SELECT sub_item_id, period, task_id, planned, actual, planned - actual, :now FROM s "
                + "ON CONFLICT (sub_item_id, period) DO UPDATE SET task_id = excluded.task_id, planned = excluded.planned, "
                + "actual = excluded.actual, lag = excluded.lag, computed_at = excluded.computed_at "
                // a figure computed again unchanged is not rewritten (closing the month recomputes all 200,000 of them)
                + "WHERE (progress_sub_item_figure.task_id, progress_sub_item_figure.planned, progress_sub_item_figure.actual) "
                + "IS DISTINCT FROM (excluded.task_id, excluded.planned, excluded.actual)), "
                + "before AS (SELECT f.task_id, coalesce(cur.light, prev.light) AS light FROM f "
                + "LEFT JOIN progress_figure cur ON cur.task_id = f.task_id AND cur.period = f.period "
                + "LEFT JOIN progress_figure prev ON prev.task_id = f.task_id AND prev.period = :previous), "
                + "up AS (INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, report_id, report_status, computed_at) "
                + "SELECT task_id, period, planned, actual, lag, light, report_id, report_status, :now FROM f "
                + "ON CONFLICT (task_id, period) DO UPDATE SET planned = excluded.planned, actual = excluded.actual, lag = excluded.lag, "
                + "light = excluded.light, report_id = excluded.report_id, report_status = excluded.report_status, "
                + "computed_at = excluded.computed_at RETURNING task_id, period, light), "
                + "ev AS (INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id) "
                + "SELECT gen_random_uuid(), 'light.changed', 'TASK', cast(up.task_id AS varchar), "
                + "array_prepend(k.lead_unit_id, coalesce((SELECT array_agg(c.unit_id ORDER BY c.list_order) FROM key_task_cooperation c "
                + "WHERE c.task_id = k.id), cast('{}' AS uuid[]))), up.period, "
                + "jsonb_build_object('taskId', up.task_id, 'code', k.code, 'period', up.period, 'from', b.light, 'to', up.light), "
                + ":now, cast(:actor AS uuid) "
                + "FROM up JOIN before b ON b.task_id = up.task_id JOIN key_task k ON k.id = up.task_id "
                + "WHERE b.light IS NOT NULL AND b.light <> up.light ORDER BY k.code, k.id RETURNING 1) "
                + "SELECT (SELECT count(*) FROM up), (SELECT count(*) FROM ev)";
        String previous = YearMonth.parse(period).minusMonths(1).toString();
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(sql, Object[].class), period, taskId, forceClosed, today)
                .setParameter("now", now)
                .setParameter("previous", previous)
                .setParameter("actor", actor == null ? null : actor.toString())
                .getSingleResult())
                .map(row -> new Stored(((Number) row[0]).longValue(), ((Number) row[1]).longValue()));
    }

    private static <Q extends Mutiny.AbstractQuery> Q bind(Q query, String period, UUID taskId, boolean forceClosed,
            LocalDate today) {
        query.setParameter("period", period);
        query.setParameter("today", today);
        query.setParameter("forceClosed", forceClosed);
        if (taskId != null) {
            query.setParameter("task", taskId);
        }
        return query;
    }

    /** The task within scope, with its first planned month; null when absent or out of scope. */
    public Uni<TaskPlanSpan> span(UUID taskId, Optional<UUID> scope) {
        String sql = "SELECT k.id, k.code, k.year, k.deadline, (SELECT min(m.month) FROM task_sub_item si "
                + "JOIN task_sub_item_month m ON m.sub_item_id = si.id WHERE si.task_id = k.id) FROM key_task k WHERE k.id = :task"
                + (scope.isPresent() ? " AND " + FigureSql.scope("k") : "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("task", taskId);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : span(rows.get(0)));
    }

    private static TaskPlanSpan span(Object[] row) {
        return new TaskPlanSpan((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(), (LocalDate) row[3],
                row[4] == null ? null : row[4].toString().trim());
    }

    /** Figures of one task for every month from {@code from} to {@code to}, computed now. */
    public Uni<List<ProgressMonth>> history(UUID taskId, YearMonth from, YearMonth to, LightRules rules, LocalDate today) {
        String ctes = FigureSql.ctes(FigureSql.monthRange(), false, "k.id = :task", "", rules.general(), rules.byCategory());
        String months = ctes + " SELECT period, planned, actual, lag, light, report_id, report_status FROM f ORDER BY period";
        String subItems = ctes + " SELECT period, sub_item_id, planned, actual FROM s ORDER BY period, list_order, sub_item_id";
        return Panache.getSession().chain(session -> range(session.createNativeQuery(months, Object[].class), taskId, from, to, today)
                .getResultList()
                .chain(monthRows -> range(session.createNativeQuery(subItems, Object[].class), taskId, from, to, today)
                        .getResultList()
                        .map(subRows -> months(monthRows, subRows))));
    }

    private static <Q extends Mutiny.AbstractQuery> Q range(Q query, UUID taskId, YearMonth from, YearMonth to, LocalDate today) {
        query.setParameter("task", taskId);
        query.setParameter("fromMonth", from.atDay(1));
        query.setParameter("toMonth", to.atDay(1));
        query.setParameter("today", today);
        query.setParameter("forceClosed", false);
        return query;
    }

    private static List<ProgressMonth> months(List<Object[]> monthRows, List<Object[]> subRows) {
        Map<String, List<ProgressMonth.SubItemFigure>> byMonth = new LinkedHashMap<>();
        for (Object[] row : subRows) {
            BigDecimal planned = (BigDecimal) row[2];
            BigDecimal actual = (BigDecimal) row[3];
            byMonth.computeIfAbsent(row[0].toString(), m -> new ArrayList<>())
                    .add(new ProgressMonth.SubItemFigure((UUID) row[1], planned, actual, planned.subtract(actual)));
        }
        List<ProgressMonth> months = new ArrayList<>();
        for (Object[] row : monthRows) {
            String period = row[0].toString();
            months.add(new ProgressMonth(period, (BigDecimal) row[1], (BigDecimal) row[2], (BigDecimal) row[3],
                    Light.valueOf((String) row[4]), (UUID) row[5], (String) row[6], byMonth.getOrDefault(period, List.of())));
        }
        return months;
    }
}
