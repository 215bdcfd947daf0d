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
 * the last event, takes the next number and links to its hash, and concurrent writers can neither
 * fork the chain nor leave a gap in its numbers. Each hash is keyed (HMAC) with a secret the
 * database does not hold; the first keyed append, on a trail of older unkeyed events, first writes
 * a "chain keyed" event from which the keyed chain runs.
 */
@ApplicationScoped
public class AuditTrail implements RefusalRecorder {

    /** Advisory lock key of the chain ("AUDT"). */
    static final long CHAIN_LOCK = 0x41554454L;
    static final String KEYED_ACTION = "AUDIT_CHAIN_KEYED";
    private static final String KEY_NAMED = " with key ";

    static final String ANONYMOUS_REFUSAL = "ACCESS_UNAUTHENTICATED";

    private final Clock clock;
    private final ObjectMapper json;
    private final AnonymousRefusals anonymous;
    private final AuditKeys keys;

    AuditTrail(Clock clock, ObjectMapper json, AnonymousRefusals anonymous, AuditKeys keys) {
        this.clock = clock;
        this.json = json;
        this.anonymous = anonymous;
        this.keys = keys;
    }

    /** The last event of the chain: its number, hash and chain version. */
    record Head(long seq, String hash, int chainVersion) {
        static final Head EMPTY = new Head(0, AuditHash.GENESIS, AuditHash.UNKEYED);
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
                .chain(() -> keyedHead(session))
                .chain(head -> append(session, head, event))
                .replaceWithVoid());
    }

    /**
     * Starts the keyed chain if it has not started yet; the service does this at its first start.
     * Refuses a key other than the one the chain was keyed with: events chained with it would never
     * verify, and instances sharing the database must share the key.
     */
    @WithTransaction
    public Uni<Void> keyChain() {
        return Panache.getSession().chain(session -> lockChain(session)
                .chain(() -> keyedHead(session))
                .chain(() -> session.createNativeQuery(
                        "SELECT detail FROM audit_event WHERE action = :keyed ORDER BY seq DESC LIMIT 1", String.class)
                        .setParameter("keyed", KEYED_ACTION)
                        .getResultList())
                .invoke(details -> {
                    if (!details.isEmpty() && details.get(0) != null && !details.get(0).contains(KEY_NAMED + keys.chainKeyId() + ";")) {
                        throw new IllegalStateException("The audit chain key (id " + keys.chainKeyId() + ") is not the one the trail "
                                + "was keyed with (see the latest " + KEYED_ACTION + " event): configure that key.");
                    }
                })
                .replaceWithVoid());
    }

    /** The head under the lock, after writing the "chain keyed" event if the head is not keyed yet. */
    private Uni<Head> keyedHead(Mutiny.Session session) {
        return head(session).chain(head -> head.chainVersion() == AuditHash.KEYED ? Uni.createFrom().item(head)
                : append(session, head, new AuditHash.Stored(AuditHash.stored(clock.instant()), Actor.SYSTEM.username(),
                        Actor.SYSTEM.rolesText(), null, KEYED_ACTION, "AuditTrail", null, AuditEntry.Outcome.SUCCESS.name(),
                        null, "From number " + (head.seq() + 1) + " on, each hash is HMAC-SHA256" + KEY_NAMED
                                + keys.chainKeyId() + "; the events before are chained with SHA-256.",
                        null, null)));
    }

    private Uni<Head> append(Mutiny.Session session, Head head, AuditHash.Stored event) {
        long seq = head.seq() + 1;
        String hash = AuditHash.keyed(keys.chainKey(), seq, head.hash(), event);
        return insert(session, seq, event, head.hash(), hash).replaceWith(new Head(seq, hash, AuditHash.KEYED));
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

    static Uni<Head> head(Mutiny.Session session) {
        return session.createNativeQuery("SELECT seq, hash, chain_version FROM audit_event ORDER BY seq DESC LIMIT 1",
                Object[].class)
                .getResultList()
                .map(rows -> rows.isEmpty() ? Head.EMPTY
                        : new Head(((Number) rows.get(0)[0]).longValue(), rows.get(0)[1].toString().trim(),
                                ((Number) rows.get(0)[2]).intValue()));
    }

    private static Uni<Void> insert(Mutiny.Session session, long seq, AuditHash.Stored event, String previous, String hash) {
        return session.createNativeQuery("""
                INSERT INTO audit_event (seq, chain_version, occurred_at, actor, actor_roles, unit_id, action, object_type,
                    object_id, outcome, changes, detail, request_id, client_address, prev_hash, hash)
                VALUES (:seq, :version, :at, :actor, :roles, CAST(:unit AS uuid), :action, :objectType, :objectId, :outcome,
                    :changes, :detail, :requestId, :client, :prev, :hash)""")
                .setParameter("seq", seq)
                .setParameter("version", (short) AuditHash.KEYED)
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
