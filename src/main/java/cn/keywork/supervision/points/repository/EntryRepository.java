package cn.keywork.supervision.points.repository;

import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.points.domain.EntryList;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Point entries (R16), plain SQL. Entries are read as JSON built by PostgreSQL in the contract's
 * field names, so an entry and its whole basis come back in one statement each.
 */
@ApplicationScoped
@WithSession
public class EntryRepository {

    /** A manual entry as stored: for the four-eyes rule. */
    public record Proposal(UUID id, String status, UUID proposedBy, UUID unitId) {
    }

    static final String ENTRY_JSON = """
            jsonb_strip_nulls(jsonb_build_object('id', e.id, 'unitId', e.unit_id, 'year', e.year, 'points', e.points,
                'source', e.source, 'ruleCode', e.rule_code, 'ruleBookVersion', e.rule_book_version,
                'sourceEventId', e.source_event_id, 'objectType', e.object_type, 'objectId', e.object_id,
                'objectLabel', e.object_label, 'reason', e.reason, 'attachmentIds', to_jsonb(e.attachment_ids),
                'reversalOf', e.reversal_of, 'reEvaluationId', e.re_evaluation_id, 'status', e.status,
                'proposedBy', e.proposed_by, 'decidedBy', e.decided_by, 'decidedAt', e.decided_at,
                'decisionReason', e.decision_reason, 'createdAt', e.created_at))
              || jsonb_build_object('computation', e.computation)""";

    private static final String UUID_TEXT = "'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'";

    /** Entries by the filters (null: any), newest first; {@code scope} confines them to one unit. */
    public Uni<EntryList> list(Integer year, UUID unitId, String ruleCode, String source, String status, UUID scope,
            int offset, int limit) {
        String sql = "SELECT cast(" + ENTRY_JSON + " AS text), count(*) OVER () FROM point_entry e "
                + "WHERE (cast(:year AS int) IS NULL OR e.year = cast(:year AS int)) "
                + "AND (cast(:unit AS uuid) IS NULL OR e.unit_id = cast(:unit AS uuid)) "
                + "AND (cast(:rule AS varchar) IS NULL OR e.rule_code = cast(:rule AS varchar)) "
                + "AND (cast(:source AS varchar) IS NULL OR e.source = cast(:source AS varchar)) "
                + "AND (cast(:status AS varchar) IS NULL OR e.status = cast(:status AS varchar)) "
                + "AND (cast(:scope AS uuid) IS NULL OR e.unit_id = cast(:scope AS uuid)) "
                + "ORDER BY e.seq DESC LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                .setParameter("year", year).setParameter("unit", text(unitId)).setParameter("rule", ruleCode)
                .setParameter("source", source).setParameter("status", status).setParameter("scope", text(scope))
                .setParameter("limit", limit).setParameter("offset", offset)
                .getResultList())
                .chain(rows -> rows.isEmpty() && offset > 0
                        ? count(year, unitId, ruleCode, source, status, scope).map(total -> new EntryList(List.of(), total))
                        : Uni.createFrom().item(new EntryList(rows.stream().map(row -> (String) row[0]).toList(),
                                rows.isEmpty() ? 0 : ((Number) rows.get(0)[1]).longValue())));
    }

    private Uni<Long> count(Integer year, UUID unitId, String ruleCode, String source, String status, UUID scope) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT count(*) FROM point_entry e
                WHERE (cast(:year AS int) IS NULL OR e.year = cast(:year AS int))
                  AND (cast(:unit AS uuid) IS NULL OR e.unit_id = cast(:unit AS uuid))
                  AND (cast(:rule AS varchar) IS NULL OR e.rule_code = cast(:rule AS varchar))
                  AND (cast(:source AS varchar) IS NULL OR e.source = cast(:source AS varchar))
                  AND (cast(:status AS varchar) IS NULL OR e.status = cast(:status AS varchar))
                  AND (cast(:scope AS uuid) IS NULL OR e.unit_id = cast(:scope AS uuid))""", Long.class)
                .setParameter("year", year).setParameter("unit", text(unitId)).setParameter("rule", ruleCode)
                .setParameter("source", source).setParameter("status", status).setParameter("scope", text(scope))
                .getSingleResult());
    }

    /** The entry as JSON, or null when unknown or outside {@code scope}. */
    public Uni<String> get(UUID id, UUID scope) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT cast(" + ENTRY_JSON
                + " AS text) FROM point_entry e WHERE e.id = :id AND (cast(:scope AS uuid) IS NULL OR e.unit_id = cast(:scope AS uuid))",
                String.class)
                .setParameter("id", id).setParameter("scope", text(scope))
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * The entry with its rule as in its version, the version, the source event and the slip or task
     * behind it, as one JSON object (a reversal shows the reversed entry's rule and event, which it
     * carries). Null when unknown or outside {@code scope}.
     */
    public Uni<String> basis(UUID id, UUID scope) {
        String sql = "SELECT cast(jsonb_strip_nulls(jsonb_build_object('entry', " + ENTRY_JSON + ", "
                + """
                'rule', CASE WHEN r.code IS NOT NULL THEN jsonb_build_object('code', r.code, 'description', r.description,
                    'eventType', r.event_type, 'points', r.points, 'appliesTo', r.applies_to,
                    'cooperatingShare', r.cooperating_share, 'capPerUnit', r.cap_per_unit) END,
                'ruleBook', CASE WHEN b.id IS NOT NULL THEN jsonb_build_object('id', b.id, 'year', b.year,
                    'version', b.version, 'status', b.status, 'title', b.title) END,
                'object', CASE WHEN ev.id IS NOT NULL THEN jsonb_build_object('type', ev.object_type, 'id', ev.object_id,
                    'slipNumber', s.number, 'slipType', s.type, 'slipStatus', s.status, 'taskId', k.id,
                    'taskCode', k.code, 'taskTitle', k.title,
                    'period', coalesce(ev.payload->>'period', ev.period)) END))
                  || CASE WHEN ev.id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('event', jsonb_strip_nulls(
                        jsonb_build_object('id', ev.id, 'type', ev.type, 'occurredAt', ev.occurred_at,
                            'objectType', ev.object_type, 'objectId', ev.object_id, 'period', ev.period))
                        || jsonb_build_object('payload', CASE WHEN jsonb_typeof(ev.payload) = 'object' THEN ev.payload
                            ELSE jsonb_build_object('value', ev.payload) END)) END AS text)
                FROM point_entry e
                LEFT JOIN assessment_rule_book b ON b.id = e.rule_book_id
                LEFT JOIN assessment_rule r ON r.rule_book_id = e.rule_book_id AND r.code = e.rule_code
                LEFT JOIN domain_event ev ON ev.id = e.source_event_id
                LEFT JOIN slip s ON ev.object_type = 'Slip' AND s.id = CASE WHEN ev.object_id ~ %1$s THEN cast(ev.object_id AS uuid) END
                LEFT JOIN key_task k ON k.id = coalesce(s.task_id,
                    CASE WHEN ev.payload->>'taskId' ~ %1$s THEN cast(ev.payload->>'taskId' AS uuid) END,
                    CASE WHEN upper(ev.object_type) = 'TASK' AND ev.object_id ~ %1$s THEN cast(ev.object_id AS uuid) END)
                WHERE e.id = :id AND (cast(:scope AS uuid) IS NULL OR e.unit_id = cast(:scope AS uuid))
                """.formatted(UUID_TEXT);
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, String.class)
                .setParameter("id", id).setParameter("scope", text(scope))
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /** Whether the unit exists. */
    public Uni<Boolean> unitExists(UUID unitId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM org_unit WHERE id = :id", Long.class).setParameter("id", unitId).getSingleResult())
                .map(count -> count > 0);
    }

    /** The ids among {@code ids} that are no attachment. */
    public Uni<List<String>> missingAttachments(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        String list = String.join(",", ids.stream().map(UUID::toString).toList());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT cast(x.id AS text) FROM unnest(cast(string_to_array(:ids, ',') AS uuid[])) AS x(id)
                WHERE NOT EXISTS (SELECT 1 FROM attachment a WHERE a.id = x.id)""", String.class)
                .setParameter("ids", list).getResultList());
    }

    /** Inserts a PROPOSED manual entry. */
    public Uni<Void> propose(UUID id, UUID unitId, int year, BigDecimal points, String reason, List<UUID> attachments,
            UUID proposer, Instant now) {
        String list = String.join(",", attachments.stream().map(UUID::toString).toList());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO point_entry (id, unit_id, year, points, source, object_type, object_id, reason, attachment_ids,
                    computation, status, proposed_by, created_at)
                VALUES (:id, :unit, :year, :points, 'MANUAL', 'Manual', :idText, :reason,
                    coalesce(cast(string_to_array(nullif(:attachments, ''), ',') AS uuid[]), '{}'), '{}', 'PROPOSED', cast(:by AS uuid), :now)""")
                .setParameter("id", id).setParameter("idText", id.toString()).setParameter("unit", unitId).setParameter("year", year)
                .setParameter("points", points).setParameter("reason", reason).setParameter("attachments", list)
                .setParameter("by", text(proposer)).setParameter("now", offset(now))
                .executeUpdate()).replaceWithVoid();
    }

    /** The manual entry, locked until the transaction ends; null when unknown or not manual. */
    public Uni<Proposal> lockProposal(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id, status, proposed_by, unit_id FROM point_entry WHERE id = :id AND source = 'MANUAL'
                  AND reversal_of IS NULL FOR UPDATE""", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new Proposal((UUID) rows.get(0)[0], (String) rows.get(0)[1], (UUID) rows.get(0)[2],
                                (UUID) rows.get(0)[3]));
    }

    /** Writes the decision of a PROPOSED entry (the only change the table admits). */
    public Uni<Void> decide(UUID id, String status, UUID by, String reason, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE point_entry SET status = :status, decided_by = cast(:by AS uuid), decided_at = :now,
                    decision_reason = :reason WHERE id = :id AND status = 'PROPOSED'""")
                .setParameter("status", status).setParameter("by", text(by)).setParameter("now", offset(now))
                .setParameter("reason", reason).setParameter("id", id)
                .executeUpdate()).replaceWithVoid();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
