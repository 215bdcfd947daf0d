package cn.keywork.supervision.opinion.repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.opinion.domain.OpinionFilter;
import cn.keywork.supervision.opinion.domain.OpinionRow;
import cn.keywork.supervision.opinion.domain.OpinionStatus;
import cn.keywork.supervision.persistence.SqlValues;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Public opinions (R15) in plain SQL, in the caller's session. */
@ApplicationScoped
public class OpinionRepository {

    private static final String SELECT = """
            SELECT o.id, o.task_id, k.code, o.text, o.nickname, o.contact, o.status, o.reply, o.reason, o.created_at,
                   o.moderated_at, o.version
              FROM public_opinion o JOIN key_task k ON k.id = o.task_id
            """;

    /** The task shown on a published ledger under this code; null when no published ledger holds it. */
    public Uni<UUID> publishedTask(String code) {
        return session().chain(session -> session.createNativeQuery("""
                SELECT r.task_id FROM ledger l JOIN ledger_row r ON r.period = l.period AND r.version = l.published_version
                 WHERE l.published_version IS NOT NULL AND r.code = :code
                 ORDER BY r.period DESC LIMIT 1""", UUID.class).setParameter("code", code).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Serialises the opinions of one client (by its keyed address) until the transaction ends, then
     * answers how many it left since {@code since} and when the oldest of them was left.
     */
    public Uni<Object[]> recentFrom(String clientKey, Instant since) {
        return session().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(:key, 15))) x", Long.class)
                .setParameter("key", "public_opinion:" + clientKey).getSingleResult()
                .chain(() -> session.createNativeQuery("SELECT count(*), min(created_at) FROM public_opinion"
                        + " WHERE client_key = :key AND created_at > :since", Object[].class)
                        .setParameter("key", clientKey).setParameter("since", SqlValues.offset(since)).getSingleResult()));
    }

    public Uni<Void> insert(OpinionRow row, String clientKey) {
        return session().chain(session -> session.createNativeQuery("""
                INSERT INTO public_opinion (id, task_id, text, nickname, contact, client_key, status, version, created_at, updated_at)
                VALUES (:id, :task, :text, :nickname, :contact, :key, 'PENDING', 1, :now, :now)""")
                .setParameter("id", row.id()).setParameter("task", row.taskId()).setParameter("text", row.text())
                .setParameter("nickname", row.nickname()).setParameter("contact", row.contact())
                .setParameter("key", clientKey).setParameter("now", SqlValues.offset(row.createdAt()))
                .executeUpdate()).replaceWithVoid();
    }

    /** The approved opinions on the task, newest first. */
    public Uni<List<OpinionRow>> approved(UUID taskId) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("task", taskId);
        return rows(SELECT + " WHERE o.task_id = :task AND o.status = 'APPROVED' ORDER BY o.created_at DESC, o.id", parameters);
    }

    /**
     * The approved opinions on the round's subjects (or the one given), newest first; with
     * {@code evaluatorUserId}, only on the subjects whose panel that evaluator is on.
     */
    public Uni<List<OpinionRow>> approvedForRound(UUID roundId, UUID taskId, UUID evaluatorUserId) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("round", roundId);
        StringBuilder sql = new StringBuilder(SELECT).append(" JOIN evaluation_subject s ON s.task_id = o.task_id AND s.round_id = :round")
                .append(" WHERE o.status = 'APPROVED'");
        if (taskId != null) {
            sql.append(" AND o.task_id = :task");
            parameters.put("task", taskId);
        }
        if (evaluatorUserId != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM evaluation_panel_member p JOIN evaluator e ON e.id = p.evaluator_id")
                    .append(" WHERE p.round_id = s.round_id AND p.task_id = s.task_id AND e.user_id = :user)");
            parameters.put("user", evaluatorUserId);
        }
        sql.append(" ORDER BY o.created_at DESC, o.id");
        return rows(sql.toString(), parameters);
    }

    public Uni<Boolean> roundExists(UUID roundId) {
        return session().chain(session -> session.createNativeQuery("SELECT count(*) FROM evaluation_round WHERE id = :id", Long.class)
                .setParameter("id", roundId).getSingleResult()).map(count -> count > 0);
    }

    public Uni<OpinionRow> find(UUID id) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("id", id);
        return rows(SELECT + " WHERE o.id = :id", parameters).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<List<OpinionRow>> list(OpinionFilter filter, int limit, int offset) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = SELECT + where(filter, parameters) + " ORDER BY o.created_at, o.id LIMIT :limit OFFSET :offset";
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        return rows(sql, parameters);
    }

    public Uni<Long> count(OpinionFilter filter) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = "SELECT count(*) FROM public_opinion o" + where(filter, parameters);
        return session().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    /** Stores the office's decision on a still PENDING opinion; whether it was stored now. */
    public Uni<Boolean> moderate(UUID id, OpinionStatus status, String reply, String reason, UUID userId, Instant now) {
        return session().chain(session -> session.createNativeQuery("""
                UPDATE public_opinion SET status = :status, reply = :reply, reason = :reason, moderated_by = :user,
                       moderated_at = :now, version = version + 1, updated_at = :now
                 WHERE id = :id AND status = 'PENDING'""")
                .setParameter("status", status.name()).setParameter("reply", reply).setParameter("reason", reason)
                .setParameter("user", userId).setParameter("now", SqlValues.offset(now)).setParameter("id", id)
                .executeUpdate()).map(count -> count > 0);
    }

    private static String where(OpinionFilter filter, Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder(" WHERE true");
        if (filter.status() != null) {
            sql.append(" AND o.status = :status");
            parameters.put("status", filter.status().name());
        }
        if (filter.taskId() != null) {
            sql.append(" AND o.task_id = :task");
            parameters.put("task", filter.taskId());
        }
        return sql.toString();
    }

    private Uni<List<OpinionRow>> rows(String sql, Map<String, Object> parameters) {
        return session().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(OpinionRepository::row).toList());
    }

    private static OpinionRow row(Object[] row) {
        return new OpinionRow((UUID) row[0], (UUID) row[1], text(row[2]), text(row[3]), text(row[4]), text(row[5]),
                OpinionStatus.valueOf(text(row[6])), text(row[7]), text(row[8]), SqlValues.instant(row[9]),
                SqlValues.instant(row[10]), ((Number) row[11]).longValue());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
