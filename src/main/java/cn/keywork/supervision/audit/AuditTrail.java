package cn.keywork.supervision.audit;

import java.time.Clock;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.RefusalRecorder;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Appends to the audit trail within the caller's transaction, so an event exists exactly when
 * its change does. Appends are serialised by a transaction-scoped advisory lock: each one reads
 * the last hash and links to it, and concurrent writers cannot fork the chain.
 */
@ApplicationScoped
public class AuditTrail implements RefusalRecorder {

    /** Advisory lock key of the chain ("AUDT"). */
    static final long CHAIN_LOCK = 0x41554454L;

    static final String ANONYMOUS_REFUSAL = "ACCESS_UNAUTHENTICATED";

    private final Clock clock;
    private final ObjectMapper json;
    private final AnonymousRefusals anonymous;

    AuditTrail(Clock clock, ObjectMapper json, AnonymousRefusals anonymous) {
        this.clock = clock;
        this.json = json;
        this.anonymous = anonymous;
    }

    /** Appends an event for the current actor; must run inside the change's transaction. */
    public Uni<Void> record(AuditEntry entry) {
        return record(RequestScope.actor(), entry);
    }

    public Uni<Void> record(Actor actor, AuditEntry entry) {
        return record(actor, entry, RequestScope.requestId(), RequestScope.clientAddress());
    }

    /** Appends an event on behalf of a client outside its request (aggregated refusals). */
    Uni<Void> record(Actor actor, AuditEntry entry, String requestId, String clientAddress) {
        AuditHash.Stored event = new AuditHash.Stored(AuditHash.stored(clock.instant()), actor.username(),
                actor.rolesText(), actor.unitId() == null ? null : actor.unitId().toString(), entry.action(),
                entry.objectType(), truncate(entry.objectId(), 300), entry.outcome().name(),
                entry.changes() == null || entry.changes().isEmpty() ? null : write(entry.changes()),
                truncate(entry.detail(), 500), requestId, clientAddress);
        return Panache.getSession().chain(session -> lockChain(session)
                .chain(() -> lastHash(session))
                .chain(previous -> insert(session, event, previous, AuditHash.of(previous, event))));
    }

    /**
     * A refusal (401/403) happens outside any change: it gets a transaction of its own. Requests
     * without a valid token are only counted, per client address, and kept as one event per address
     * and interval ({@link AnonymousRefusals}): anyone can send them, as fast as they like.
     */
    @Override
    public Uni<Void> refused(ProblemType type, String method, String path, String detail) {
        if (type == ProblemType.UNAUTHORIZED && RequestScope.actor() == Actor.ANONYMOUS) {
            anonymous.count(RequestScope.clientAddress(), method + " " + path);
            return Uni.createFrom().voidItem();
        }
        return recordRefusal(type, method, path, detail);
    }

    @WithTransaction
    Uni<Void> recordRefusal(ProblemType type, String method, String path, String detail) {
        String action = type == ProblemType.UNAUTHORIZED ? ANONYMOUS_REFUSAL : "ACCESS_FORBIDDEN";
        return record(new AuditEntry(action, "Operation", method + " " + path, AuditEntry.Outcome.FAILURE, null, detail));
    }

    private static Uni<Object> lockChain(Mutiny.Session session) {
        return session.createNativeQuery("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")").getSingleResult();
    }

    private static Uni<String> lastHash(Mutiny.Session session) {
        return session.createNativeQuery("SELECT hash FROM audit_event ORDER BY id DESC LIMIT 1", String.class)
                .getResultList()
                .map(rows -> rows.isEmpty() ? AuditHash.GENESIS : rows.get(0).trim());
    }

    private static Uni<Void> insert(Mutiny.Session session, AuditHash.Stored event, String previous, String hash) {
        return session.createNativeQuery("""
                INSERT INTO audit_event (occurred_at, actor, actor_roles, unit_id, action, object_type, object_id,
                    outcome, changes, detail, request_id, client_address, prev_hash, hash)
                VALUES (:at, :actor, :roles, CAST(:unit AS uuid), :action, :objectType, :objectId, :outcome,
                    :changes, :detail, :requestId, :client, :prev, :hash)""")
                .setParameter("at", event.occurredAt().atOffset(ZoneOffset.UTC))
                .setParameter("actor", event.actor())
                .setParameter("roles", event.actorRoles())
                .setParameter("unit", event.unitId())
                .setParameter("action", event.action())
                .setParameter("objectType", event.objectType())
                .setParameter("objectId", event.objectId())
                .setParameter("outcome", event.outcome())
                .setParameter("changes", event.changes())
                .setParameter("detail", event.detail())
                .setParameter("requestId", event.requestId())
                .setParameter("client", event.clientAddress())
                .setParameter("prev", previous)
                .setParameter("hash", hash)
                .executeUpdate()
                .replaceWithVoid();
    }

    private String write(Object changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write audit changes", e);
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
