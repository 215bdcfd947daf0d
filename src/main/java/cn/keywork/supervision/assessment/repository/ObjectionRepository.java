package cn.keywork.supervision.assessment.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.assessment.domain.ObjectionEntry;
import cn.keywork.supervision.assessment.domain.ObjectionFilter;
import cn.keywork.supervision.assessment.domain.ObjectionRow;
import cn.keywork.supervision.assessment.domain.ObjectionStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Objections' rows in plain SQL; reads are scoped to the caller's unit in the query itself. */
@ApplicationScoped
@WithSession
public class ObjectionRepository {

    private static final String COLUMNS = """
            SELECT o.id, o.entry_id, o.unit_id, e.year, e.points, e.rule_code, o.reason, array_to_string(o.attachment_ids, ','),
                   o.status, o.decision_reason, o.decided_at, o.reversal_entry_id, o.filed_at
            FROM point_objection o JOIN point_entry e ON e.id = o.entry_id""";

    private static final String FILTER = " WHERE (cast(cast(:year AS text) AS int) IS NULL OR e.year = cast(cast(:year AS text) AS int))"
            + " AND (cast(:unit AS uuid) IS NULL OR o.unit_id = cast(:unit AS uuid))"
            + " AND (cast(:status AS varchar) IS NULL OR o.status = cast(:status AS varchar))"
            + " AND (cast(:scope AS uuid) IS NULL OR o.unit_id = cast(:scope AS uuid))";

    /**
     * The entry as an objection sees it, with the days allowed for objecting: its rule book's, else
     * the year's active rule book's, else {@code defaultDays}; null when there is no such entry.
     */
    public Uni<ObjectionEntry> entry(UUID entryId, int defaultDays) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT e.id, e.unit_id, e.year, e.seq, e.reversal_of, e.status,
                       EXISTS (SELECT 1 FROM point_entry r WHERE r.reversal_of = e.id), e.created_at,
                       coalesce(b.objection_days, (SELECT a.objection_days FROM assessment_rule_book a
                                                   WHERE a.year = e.year AND a.status = 'ACTIVE'), cast(:days AS int))
                FROM point_entry e LEFT JOIN assessment_rule_book b ON b.id = e.rule_book_id
                WHERE e.id = :id""", Object[].class)
                .setParameter("id", entryId).setParameter("days", defaultDays)
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    return new ObjectionEntry((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).longValue(),
                            (UUID) r[4], (String) r[5], (Boolean) r[6], instant(r[7]), ((Number) r[8]).intValue());
                });
    }

    /** Those of {@code attachmentIds} that are not stored attachments, in the order given. */
    public Uni<List<UUID>> unknownAttachments(List<UUID> attachmentIds) {
        if (attachmentIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM attachment WHERE id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))", UUID.class)
                .setParameter("ids", joined(attachmentIds)).getResultList())
                .map(found -> attachmentIds.stream().filter(id -> !found.contains(id)).toList());
    }

    /** Files the objection; false when the entry has an open one already. */
    public Uni<Boolean> insert(UUID id, UUID entryId, UUID unitId, String reason, List<UUID> attachmentIds, UUID filedBy,
            Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO point_objection (id, entry_id, unit_id, reason, attachment_ids, status, filed_by, filed_at, version)
                VALUES (:id, :entry, :unit, :reason, cast(string_to_array(:attachments, ',') AS uuid[]), 'OPEN',
                        cast(:by AS uuid), :now, 1)
                ON CONFLICT (entry_id) WHERE status = 'OPEN' DO NOTHING""")
                .setParameter("id", id).setParameter("entry", entryId).setParameter("unit", unitId)
                .setParameter("reason", reason).setParameter("attachments", joined(attachmentIds))
                .setParameter("by", filedBy).setParameter("now", offset(now))
                .executeUpdate())
                .map(count -> count > 0);
    }

    /** The objection, if the scope sees it; locked until the transaction ends when {@code lock}. */
    public Uni<ObjectionRow> find(UUID id, Optional<UUID> scope, boolean lock) {
        String sql = COLUMNS + " WHERE o.id = :id" + (scope.isPresent() ? " AND o.unit_id = :scope" : "")
                + (lock ? " FOR UPDATE OF o" : "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("id", id);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    public Uni<List<ObjectionRow>> list(ObjectionFilter filter, Optional<UUID> scope, int limit, int offset) {
        return Panache.getSession().chain(session -> filtered(session.createNativeQuery(COLUMNS + FILTER
                + " ORDER BY o.filed_at DESC, o.id LIMIT :limit OFFSET :offset", Object[].class), filter, scope)
                .setParameter("limit", limit).setParameter("offset", offset)
                .getResultList())
                .map(rows -> rows.stream().map(ObjectionRepository::row).toList());
    }

    public Uni<Long> count(ObjectionFilter filter, Optional<UUID> scope) {
        return Panache.getSession().chain(session -> filtered(session.createNativeQuery(
                "SELECT count(*) FROM point_objection o JOIN point_entry e ON e.id = o.entry_id" + FILTER, Long.class),
                filter, scope).getSingleResult());
    }

    /** Records the decision of an OPEN objection; false when it was decided meanwhile. */
    public Uni<Boolean> decide(UUID id, ObjectionStatus status, String reason, UUID decidedBy, UUID reversalEntryId,
            Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE point_objection SET status = :status, decision_reason = cast(:reason AS varchar),
                       decided_by = cast(:by AS uuid), decided_at = :now, reversal_entry_id = cast(:reversal AS uuid),
                       version = version + 1
                WHERE id = :id AND status = 'OPEN'""")
                .setParameter("status", status.name()).setParameter("reason", reason).setParameter("by", decidedBy)
                .setParameter("now", offset(now)).setParameter("reversal", reversalEntryId).setParameter("id", id)
                .executeUpdate())
                .map(count -> count > 0);
    }

    private static <Q extends org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?>> Q filtered(Q query,
            ObjectionFilter filter, Optional<UUID> scope) {
        query.setParameter("year", filter.year() == null ? null : filter.year().toString());
        query.setParameter("unit", filter.unitId());
        query.setParameter("status", filter.status() == null ? null : filter.status().name());
        query.setParameter("scope", scope.orElse(null));
        return query;
    }

    private static ObjectionRow row(Object[] r) {
        String attachments = (String) r[7];
        return new ObjectionRow((UUID) r[0], (UUID) r[1], (UUID) r[2], ((Number) r[3]).intValue(), (BigDecimal) r[4],
                (String) r[5], (String) r[6],
                attachments == null || attachments.isEmpty() ? List.of()
                        : Arrays.stream(attachments.split(",")).map(UUID::fromString).toList(),
                ObjectionStatus.valueOf((String) r[8]), (String) r[9], instant(r[10]), (UUID) r[11], instant(r[12]));
    }

    private static String joined(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }
}
