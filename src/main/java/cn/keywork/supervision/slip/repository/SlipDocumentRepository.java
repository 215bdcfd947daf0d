package cn.keywork.supervision.slip.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The names a printed slip shows beside its row, in two plain queries: the task, the sub-item
 * and the approving leader; and every unit the slip names (addressed, copied, answering).
 * Callers read the slip through the scoped read path first: these queries do not check
 * visibility.
 */
@ApplicationScoped
@WithSession
public class SlipDocumentRepository {

    /** What the page names: the task's code and title, the sub-item, who approved and when, the units by id. */
    public record Names(String taskCode, String taskTitle, String subItem, String approvedBy, Instant approvedAt,
            Map<UUID, String> units) {
    }

    /** The names of a slip that exists; its units in no particular order. */
    public Uni<Names> names(UUID slipId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT t.code, t.title, si.content, au.display_name, s.approved_at
                FROM slip s JOIN key_task t ON t.id = s.task_id
                     LEFT JOIN task_sub_item si ON si.id = s.sub_item_id
                     LEFT JOIN app_user au ON au.id = s.approved_by
                WHERE s.id = :slip""", Object[].class).setParameter("slip", slipId).getSingleResult()
                .chain(head -> session.createNativeQuery("""
                        SELECT u.id, u.name FROM org_unit u
                        WHERE u.id IN (SELECT unit_id FROM slip_target_unit WHERE slip_id = :slip
                                       UNION SELECT unit_id FROM slip_copy_unit WHERE slip_id = :slip
                                       UNION SELECT unit_id FROM slip_response WHERE slip_id = :slip)""",
                        Object[].class).setParameter("slip", slipId).getResultList()
                        .map(rows -> {
                            Map<UUID, String> units = new LinkedHashMap<>();
                            rows.forEach(row -> units.put((UUID) row[0], (String) row[1]));
                            return new Names((String) head[0], (String) head[1], (String) head[2], (String) head[3],
                                    cn.keywork.supervision.persistence.SqlValues.instant(head[4]), Map.copyOf(units));
                        })));
    }
}
