package cn.keywork.supervision.persistence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Runs a creating request at most once per Idempotency-Key. The key is claimed with an insert in
 * the same transaction as the creation, so a concurrent replay waits for the first to commit and
 * then answers its stored response; a failed creation rolls the claim back and the key stays free.
 */
@ApplicationScoped
public class Idempotency {

    /** The answer to send, and whether it is a replay of one given before. */
    public record Outcome(StoredAnswer answer, boolean replayed) {
    }

    private static final java.time.Duration MINIMUM_RETENTION = java.time.Duration.ofHours(24);

    private final ObjectMapper json;
    private final Clock clock;
    private final SupervisionConfig config;

    Idempotency(ObjectMapper json, Clock clock, SupervisionConfig config) {
        this.json = json;
        this.clock = clock;
        this.config = config;
        if (config.idempotency().retention().compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalStateException("supervision.idempotency.retention must be at least " + MINIMUM_RETENTION);
        }
    }

    /** Serialises an answer the way the service writes bodies, to store and to send alike. */
    public StoredAnswer answer(int status, Object body, String location, String etag) {
        return new StoredAnswer(status, write(body), location, etag);
    }

    /**
     * Runs {@code action} unless this caller already sent {@code key}; keys are per caller
     * ({@code scope}, the account's username), so two accounts cannot collide or replay each other's.
     */
    @WithTransaction
    public Uni<Outcome> run(String scope, String key, String operation, Object request,
            Supplier<Uni<StoredAnswer>> action) {
        if (key == null) {
            return action.get().map(answer -> new Outcome(answer, false));
        }
        String hash = hash(operation, request);
        return Panache.getSession().chain(session -> claim(session, scope, key, operation, hash)
                .chain(claimed -> claimed
                        ? action.get().call(answer -> store(session, scope, key, answer)).map(answer -> new Outcome(answer, false))
                        : replay(session, scope, key, hash)));
    }

    private Uni<Boolean> claim(Mutiny.Session session, String scope, String key, String operation, String hash) {
        return session.createNativeQuery("""
                INSERT INTO idempotency_record (scope, idempotency_key, operation, request_hash, created_at)
                VALUES (:scope, :key, :operation, :hash, :now)
                ON CONFLICT (scope, idempotency_key) DO NOTHING""")
                .setParameter("scope", scope)
                .setParameter("key", key)
                .setParameter("operation", operation)
                .setParameter("hash", hash)
                .setParameter("now", OffsetDateTime.now(clock))
                .executeUpdate()
                .map(inserted -> inserted == 1);
    }

    private Uni<Void> store(Mutiny.Session session, String scope, String key, StoredAnswer answer) {
        return session.createNativeQuery("""
                UPDATE idempotency_record SET status = :status, body = :body, location = :location, etag = :etag
                WHERE scope = :scope AND idempotency_key = :key""")
                .setParameter("status", answer.status())
                .setParameter("body", answer.body())
                .setParameter("location", answer.location())
                .setParameter("etag", answer.etag())
                .setParameter("scope", scope)
                .setParameter("key", key)
                .executeUpdate()
                .replaceWithVoid();
    }

    private Uni<Outcome> replay(Mutiny.Session session, String scope, String key, String hash) {
        return session.createNativeQuery("""
                SELECT request_hash, status, body, location, etag FROM idempotency_record
                WHERE scope = :scope AND idempotency_key = :key""", Object[].class)
                .setParameter("scope", scope)
                .setParameter("key", key)
                .getResultList()
                .map(rows -> answerFor(rows, hash));
    }

    private static Outcome answerFor(List<Object[]> rows, String hash) {
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            throw new Conflict(DomainMessage.IDEMPOTENCY_IN_PROGRESS);
        }
        Object[] row = rows.get(0);
        if (!hash.equals(String.valueOf(row[0]).trim())) {
            throw new IdempotencyKeyReused();
        }
        StoredAnswer answer = new StoredAnswer(((Number) row[1]).intValue(), (String) row[2], (String) row[3],
                (String) row[4]);
        return new Outcome(answer, true);
    }

    /** Forgets keys past their retention, so the table stays small. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @WithTransaction
    Uni<Void> forgetExpired() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(config.idempotency().retention());
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM idempotency_record WHERE created_at < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate())
                .replaceWithVoid();
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }
}
