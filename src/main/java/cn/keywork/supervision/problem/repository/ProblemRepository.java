package cn.keywork.supervision.problem.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.problem.domain.ProblemAnswer;
import cn.keywork.supervision.problem.domain.ProblemFilter;
import cn.keywork.supervision.problem.domain.ProblemRow;
import cn.keywork.supervision.problem.domain.ProblemSource;
import cn.keywork.supervision.problem.domain.ProblemStatus;
import cn.keywork.supervision.problem.domain.ProblemTask;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Problems' rows in plain SQL. Every read is scoped to the caller's unit in the query itself: a
 * unit sees the problems of tasks it leads, cooperates on or answers a sub-item of, and those it
 * raised or that are assigned to it.
 */
@ApplicationScoped
@WithSession
public class ProblemRepository {

    private static final String TASK_SCOPE = "(t.lead_unit_id = :scope"
            + " OR EXISTS (SELECT 1 FROM key_task_cooperation c WHERE c.task_id = t.id AND c.unit_id = :scope)"
            + " OR EXISTS (SELECT 1 FROM task_sub_item s WHERE s.task_id = t.id AND s.responsible_unit_id = :scope))";

    private static final String PROBLEM_SCOPE = " AND (p.raised_by_unit_id = :scope OR :scope = ANY (p.assigned_unit_ids)"
            + " OR EXISTS (SELECT 1 FROM key_task t WHERE t.id = p.task_id AND " + TASK_SCOPE + "))";

    private static final String COLUMNS = """
            SELECT p.id, p.task_id, p.sub_item_id, p.description, p.raised_by_office, p.raised_by_unit_id, p.source,
                   p.source_period, p.source_index, array_to_string(p.assigned_unit_ids, ','), p.deadline, p.status,
                   p.status_comment, p.version, p.created_at, p.updated_at
            FROM problem p""";

    /** A task as problems see it; null when absent or outside {@code scope}. */
    public Uni<ProblemTask> task(UUID taskId, Optional<UUID> scope) {
        String sql = """
                SELECT t.id, t.code, t.lead_unit_id,
                       coalesce((SELECT string_agg(c.unit_id::text, ',' ORDER BY c.list_order)
                                 FROM key_task_cooperation c WHERE c.task_id = t.id), ''),
                       coalesce((SELECT string_agg(DISTINCT s.responsible_unit_id::text, ',')
                                 FROM task_sub_item s WHERE s.task_id = t.id), '')
                FROM key_task t WHERE t.id = :id""" + (scope.isPresent() ? " AND " + TASK_SCOPE : "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("id", taskId);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> {
            if (rows.isEmpty()) {
                return null;
            }
            Object[] row = rows.get(0);
            List<UUID> units = new ArrayList<>();
            units.add((UUID) row[2]);
            for (UUID unit : uuids((String) row[3])) {
                if (!units.contains(unit)) {
                    units.add(unit);
                }
            }
            for (UUID unit : uuids((String) row[4])) {
                if (!units.contains(unit)) {
                    units.add(unit);
                }
            }
            return new ProblemTask((UUID) row[0], (String) row[1], (UUID) row[2], List.copyOf(units));
        });
    }

    /** Whether the sub-item belongs to the task. */
    public Uni<Boolean> subItemOf(UUID taskId, UUID subItemId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT count(*) FROM task_sub_item WHERE id = :id AND task_id = :task", Long.class)
                .setParameter("id", subItemId)
                .setParameter("task", taskId)
                .getSingleResult())
                .map(count -> count > 0);
    }

    /** Those of {@code unitIds} that are not active units, in the order given. */
    public Uni<List<UUID>> unknownUnits(List<UUID> unitIds) {
        if (unitIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT id FROM org_unit WHERE active AND id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))",
                        UUID.class)
                .setParameter("ids", joined(unitIds))
                .getResultList())
                .map(found -> unitIds.stream().filter(id -> !found.contains(id)).toList());
    }

    /** The problem, if the scope sees it; locked until the transaction ends when {@code lock}. */
    public Uni<ProblemRow> find(UUID id, Optional<UUID> scope, boolean lock) {
        String sql = COLUMNS + " WHERE p.id = :id" + (scope.isPresent() ? PROBLEM_SCOPE : "") + (lock ? " FOR UPDATE OF p" : "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("id", id);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /** The problem raised from a report's coordination request; null when none yet. */
    public Uni<ProblemRow> fromRequest(UUID taskId, String period, int index) {
        return Panache.getSession().chain(session -> session.createNativeQuery(COLUMNS
                + " WHERE p.task_id = :task AND p.source = 'COORDINATION_REQUEST' AND p.source_period = :period"
                + " AND p.source_index = :index", Object[].class)
                .setParameter("task", taskId)
                .setParameter("period", period)
                .setParameter("index", index)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /** Creates the problem; false when its coordination request already became one. */
    public Uni<Boolean> insert(ProblemRow row, UUID createdBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO problem (id, task_id, sub_item_id, description, raised_by_office, raised_by_unit_id, source,
                                     source_period, source_index, assigned_unit_ids, deadline, status, status_comment,
                                     created_by, version, created_at, updated_at)
                VALUES (:id, :task, cast(:subItem AS uuid), :description, :office, cast(:unit AS uuid), :source,
                        cast(:period AS varchar), cast(cast(:index AS text) AS int), cast(string_to_array(:units, ',') AS uuid[]),
                        cast(cast(:deadline AS text) AS date), :status, cast(:comment AS varchar), cast(:createdBy AS uuid), :version,
                        :created, :updated)
                ON CONFLICT DO NOTHING""")
                .setParameter("id", row.id())
                .setParameter("task", row.taskId())
                .setParameter("subItem", text(row.subItemId()))
                .setParameter("description", row.description())
                .setParameter("office", row.raisedByOffice())
                .setParameter("unit", text(row.raisedByUnitId()))
                .setParameter("source", row.source().name())
                .setParameter("period", row.sourcePeriod())
                .setParameter("index", text(row.sourceIndex()))
                .setParameter("units", joined(row.assignedUnitIds()))
                .setParameter("deadline", text(row.deadline()))
                .setParameter("status", row.status().name())
                .setParameter("comment", row.statusComment())
                .setParameter("createdBy", text(createdBy))
                .setParameter("version", row.version())
                .setParameter("created", offset(row.createdAt()))
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .map(count -> count == 1);
    }

    /** Writes a problem's moving parts as given. */
    public Uni<Void> update(ProblemRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE problem SET assigned_unit_ids = cast(string_to_array(:units, ',') AS uuid[]),
                       deadline = cast(cast(:deadline AS text) AS date), status = :status, status_comment = cast(:comment AS varchar),
                       version = :version, updated_at = :updated
                WHERE id = :id""")
                .setParameter("id", row.id())
                .setParameter("units", joined(row.assignedUnitIds()))
                .setParameter("deadline", text(row.deadline()))
                .setParameter("status", row.status().name())
                .setParameter("comment", row.statusComment())
                .setParameter("version", row.version())
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Adds an answer, numbered after the problem's last (the problem's row is locked by the caller). */
    public Uni<Void> insertAnswer(UUID problemId, UUID unitId, String text, UUID by, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO problem_answer (problem_id, number, unit_id, text, answered_by, answered_at)
                SELECT :problem, coalesce(max(number), 0) + 1, :unit, :text, cast(:by AS uuid), :at
                FROM problem_answer WHERE problem_id = :problem""")
                .setParameter("problem", problemId)
                .setParameter("unit", unitId)
                .setParameter("text", text)
                .setParameter("by", text(by))
                .setParameter("at", offset(now))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The answers of the given problems in one query, by problem, each in order. */
    public Uni<Map<UUID, List<ProblemAnswer>>> answers(List<UUID> problemIds) {
        if (problemIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT problem_id, number, unit_id, text, answered_at FROM problem_answer
                WHERE problem_id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))
                ORDER BY problem_id, number""", Object[].class)
                .setParameter("ids", joined(problemIds))
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<ProblemAnswer>> byProblem = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byProblem.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add(new ProblemAnswer(
                                ((Number) row[1]).intValue(), (UUID) row[2], (String) row[3], instant(row[4])));
                    }
                    return byProblem;
                });
    }

    private static String where(ProblemFilter filter, Optional<UUID> scope) {
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.unitId() != null) {
            where.append(" AND (p.raised_by_unit_id = :unit OR :unit = ANY (p.assigned_unit_ids))");
        }
        if (filter.status() != null) {
            where.append(" AND p.status = :status");
        }
        if (filter.taskId() != null) {
            where.append(" AND p.task_id = :task");
        }
        if (scope.isPresent()) {
            where.append(PROBLEM_SCOPE);
        }
        return where.toString();
    }

    private static void bind(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, ProblemFilter filter,
            Optional<UUID> scope) {
        if (filter.unitId() != null) {
            query.setParameter("unit", filter.unitId());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().name());
        }
        if (filter.taskId() != null) {
            query.setParameter("task", filter.taskId());
        }
        scope.ifPresent(unit -> query.setParameter("scope", unit));
    }

    /** One page of the problems the scope sees, newest first. */
    public Uni<List<ProblemRow>> list(ProblemFilter filter, Optional<UUID> scope, int limit, int offset) {
        String sql = COLUMNS + where(filter, scope) + " ORDER BY p.created_at DESC, p.id LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            bind(query, filter, scope);
            return query.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        }).map(rows -> rows.stream().map(ProblemRepository::row).toList());
    }

    public Uni<Long> count(ProblemFilter filter, Optional<UUID> scope) {
        String sql = "SELECT count(*) FROM problem p" + where(filter, scope);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            bind(query, filter, scope);
            return query.getSingleResult();
        });
    }

    private static ProblemRow row(Object[] row) {
        return new ProblemRow((UUID) row[0], (UUID) row[1], (UUID) row[2], (String) row[3], (Boolean) row[4],
                (UUID) row[5], ProblemSource.valueOf((String) row[6]), row[7] == null ? null : ((String) row[7]).trim(),
                row[8] == null ? null : ((Number) row[8]).intValue(), uuids((String) row[9]), (LocalDate) row[10],
                ProblemStatus.valueOf((String) row[11]), (String) row[12], ((Number) row[13]).longValue(),
                instant(row[14]), instant(row[15]));
    }

    private static String joined(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static List<UUID> uuids(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::trim).map(UUID::fromString).toList();
    }

}
