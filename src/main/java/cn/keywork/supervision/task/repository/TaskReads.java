package cn.keywork.supervision.task.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskDetails;
import cn.keywork.supervision.task.domain.TaskSite;
import cn.keywork.supervision.task.domain.TaskStatus;
import cn.keywork.supervision.task.domain.TaskView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads one task with its cooperations in a single prepared statement on the pool, outside any
 * session: the most frequent read of the register, and one that changes nothing.
 */
@ApplicationScoped
public class TaskReads {

    private static final String ONE = """
            SELECT t.id, t.code, t.year, t.category, t.title, t.target, t.content, t.deadline, t.lead_unit_id,
                   t.unit_head, t.leader_in_charge_id, t.responsible_division, t.responsible_person_name,
                   t.responsible_person_mobile, t.document_number, t.site_latitude, t.site_longitude,
                   t.site_radius_meters, t.status, t.status_note, t.version, t.created_at, t.updated_at,
                   c.units, c.responsibilities
            FROM key_task t
            CROSS JOIN LATERAL (
                SELECT coalesce(array_agg(k.unit_id ORDER BY k.list_order), '{}') AS units,
                       coalesce(array_agg(k.responsibility ORDER BY k.list_order), '{}') AS responsibilities
                FROM key_task_cooperation k WHERE k.task_id = t.id) c
            WHERE t.id = $1
              AND ($2::uuid IS NULL OR t.lead_unit_id = $2 OR $2 = ANY (c.units))""";

    private final Pool pool;

    TaskReads(Pool pool) {
        this.pool = pool;
    }

    /** The task, if it exists and (with a unit scope) the unit leads it or cooperates in it. */
    public Uni<TaskView> find(UUID id, Optional<UUID> scope) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id, scope.orElse(null)))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    private static TaskView view(Row row) {
        UUID[] units = row.getArrayOfUUIDs("units");
        String[] responsibilities = row.getArrayOfStrings("responsibilities");
        List<TaskDetails.Cooperation> cooperations = new ArrayList<>(units.length);
        for (int i = 0; i < units.length; i++) {
            cooperations.add(new TaskDetails.Cooperation(units[i], responsibilities[i]));
        }
        TaskSite site = row.getBigDecimal("site_latitude") == null ? null
                : new TaskSite(row.getBigDecimal("site_latitude"), row.getBigDecimal("site_longitude"),
                        row.getInteger("site_radius_meters"));
        TaskDetails details = new TaskDetails(row.getInteger("year"), TaskCategory.valueOf(row.getString("category")),
                row.getString("title"), row.getString("target"), row.getString("content"), row.getLocalDate("deadline"),
                row.getUUID("lead_unit_id"), List.copyOf(cooperations), row.getString("unit_head"),
                row.getUUID("leader_in_charge_id"), row.getString("responsible_division"),
                row.getString("responsible_person_name"), row.getString("responsible_person_mobile"),
                row.getString("document_number"), site);
        return new TaskView(row.getUUID("id"), row.getString("code"), details, TaskStatus.valueOf(row.getString("status")),
                row.getString("status_note"), row.getLong("version"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
