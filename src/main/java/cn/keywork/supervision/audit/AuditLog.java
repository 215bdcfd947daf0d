package cn.keywork.supervision.audit;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads the audit trail: searches it. {@link AuditVerifier} walks its chain. */
@ApplicationScoped
public class AuditLog {

    static final String COLUMNS = "id, occurred_at, actor, actor_roles, unit_id, action, object_type, object_id, "
            + "outcome, changes, detail, request_id, client_address, prev_hash, hash, seq, chain_version";

    /** An event as stored. */
    public record Event(long id, Instant occurredAt, String actor, String actorRoles, UUID unitId, String action,
            String objectType, String objectId, String outcome, String changes, String detail, String requestId,
            String clientAddress, String prevHash, String hash, long seq, int chainVersion) {

        AuditHash.Stored stored() {
            return new AuditHash.Stored(occurredAt, actor, actorRoles, unitId == null ? null : unitId.toString(), action,
                    objectType, objectId, outcome, changes, detail, requestId, clientAddress);
        }
    }

    public record Filter(String actor, UUID unitId, String objectType, String objectId, String action, String outcome,
            OffsetDateTime from, OffsetDateTime to) {
    }

    @WithSession
    public Uni<Page<Event>> search(Filter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> parameters = new HashMap<>();
        condition(where, parameters, "actor", "actor = :actor", filter.actor());
        condition(where, parameters, "unit", "unit_id = :unit", filter.unitId());
        condition(where, parameters, "objectType", "object_type = :objectType", filter.objectType());
        condition(where, parameters, "objectId", "object_id = :objectId", filter.objectId());
        condition(where, parameters, "action", "action = :action", filter.action());
        condition(where, parameters, "outcome", "outcome = :outcome", filter.outcome());
        condition(where, parameters, "from", "occurred_at >= :from", filter.from());
        condition(where, parameters, "to", "occurred_at < :to", filter.to());
        return Panache.getSession().chain(session -> {
            var rows = session.createNativeQuery("SELECT " + COLUMNS + " FROM audit_event" + where
                    + " ORDER BY id DESC LIMIT :limit OFFSET :offset", Object[].class);
            parameters.forEach(rows::setParameter);
            rows.setParameter("limit", page.size()).setParameter("offset", page.offset());
            return rows.getResultList().chain(found -> {
                var count = session.createNativeQuery("SELECT count(*) FROM audit_event" + where, Long.class);
                parameters.forEach(count::setParameter);
                return count.getSingleResult().map(total -> new Page<>(found.stream().map(AuditLog::event).toList(), page, total));
            });
        });
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, String name, String clause,
            Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            parameters.put(name, value);
        }
    }

    static Event event(Object[] row) {
        return new Event(((Number) row[0]).longValue(), instant(row[1]), (String) row[2], (String) row[3],
                (UUID) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], (String) row[9],
                (String) row[10], (String) row[11], (String) row[12], trim(row[13]), trim(row[14]),
                ((Number) row[15]).longValue(), ((Number) row[16]).intValue());
    }

    private static String trim(Object value) {
        return value == null ? null : value.toString().trim();
    }
}
