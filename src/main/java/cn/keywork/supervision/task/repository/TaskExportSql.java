package cn.keywork.supervision.task.repository;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import cn.keywork.supervision.persistence.PositionalSql;
import cn.keywork.supervision.task.domain.TaskFilter;
import cn.keywork.supervision.web.PageRequest;

/**
 * The register export's two statements: the tasks of a list (its filter, scope and order, every row)
 * and their sub-items with the monthly plan. Unit names, the leader, the cooperating units and the
 * months are joined or aggregated in the statement itself, so the rows come one cursor batch at a
 * time with nothing read per row.
 */
public final class TaskExportSql {

    /**
     * Whose responsible-person mobiles the reader may see, as {@code GET /api/v1/tasks/{id}} shows
     * them: every task's, or only those of tasks {@code ownUnit} leads (none when it is null).
     */
    public record Mobiles(boolean all, UUID ownUnit) {
    }

    private static final String TASKS = """
            SELECT t.code, t.year, t.category, t.title, lu.name,
                   (SELECT string_agg(cu.name, '、' ORDER BY c.list_order) FROM key_task_cooperation c
                    JOIN org_unit cu ON cu.id = c.unit_id WHERE c.task_id = t.id),
                   au.display_name, t.status, pf.light, t.deadline, t.target, t.content,
                   (SELECT string_agg(cu.name || '：' || c.responsibility, '；' ORDER BY c.list_order) FROM key_task_cooperation c
                    JOIN org_unit cu ON cu.id = c.unit_id WHERE c.task_id = t.id),
                   t.unit_head, t.responsible_division, t.responsible_person_name, %s, t.document_number,
                   cast((SELECT count(*) FROM task_sub_item s WHERE s.task_id = t.id) AS int)
            FROM key_task t JOIN org_unit lu ON lu.id = t.lead_unit_id
            LEFT JOIN app_user au ON au.id = t.leader_in_charge_id
            LEFT JOIN progress_figure pf ON pf.task_id = t.id AND pf.period = :lightPeriod""";

    private static final String SUB_ITEMS = """
            SELECT t.code, t.title, cast(row_number() OVER (PARTITION BY s.task_id ORDER BY s.list_order, s.id) AS int),
                   s.content, ru.name, s.responsible_person, s.deadline, s.weight, t.year,
                   coalesce(plan.months, cast('{}' AS text[])), coalesce(plan.planned, cast('{}' AS text[])),
                   coalesce(plan.milestones, cast('{}' AS text[]))
            FROM key_task t JOIN task_sub_item s ON s.task_id = t.id JOIN org_unit ru ON ru.id = s.responsible_unit_id
            LEFT JOIN LATERAL (SELECT array_agg(cast(m.month AS text) ORDER BY m.month) AS months,
                                      array_agg(cast(trim_scale(m.planned_percent) AS text) ORDER BY m.month) AS planned,
                                      array_agg(cast(m.milestone AS text) ORDER BY m.month) AS milestones
                               FROM task_sub_item_month m WHERE m.sub_item_id = s.id) plan ON true""";

    private TaskExportSql() {
    }

    /**
     * The tasks, in the columns {@code TaskExport} writes, with the light of {@code lightPeriod}
     * (the running month) where it was computed.
     */
    public static PositionalSql tasks(TaskFilter filter, Optional<UUID> scope, PageRequest order, Mobiles mobiles,
            String lightPeriod) {
        TaskRepository.Criteria criteria = TaskRepository.Criteria.of(filter, scope);
        Map<String, Object> parameters = new HashMap<>(criteria.parameters());
        parameters.put("lightPeriod", lightPeriod);
        String mobile;
        if (mobiles.all()) {
            mobile = "t.responsible_person_mobile";
        } else if (mobiles.ownUnit() != null) {
            mobile = "CASE WHEN t.lead_unit_id = :ownUnit THEN t.responsible_person_mobile END";
            parameters.put("ownUnit", mobiles.ownUnit());
        } else {
            mobile = "cast(NULL AS varchar)";
        }
        return PositionalSql.of(TASKS.formatted(mobile) + criteria.where() + order.orderBy(TaskRepository.COLUMNS, "t.id"),
                parameters);
    }

    /** The sub-items of the same tasks, task by task in the same order, each task's in its breakdown's order. */
    public static PositionalSql subItems(TaskFilter filter, Optional<UUID> scope, PageRequest order) {
        TaskRepository.Criteria criteria = TaskRepository.Criteria.of(filter, scope);
        return PositionalSql.of(SUB_ITEMS + criteria.where() + order.orderBy(TaskRepository.COLUMNS, "t.id")
                + ", s.list_order, s.id", criteria.parameters());
    }
}
