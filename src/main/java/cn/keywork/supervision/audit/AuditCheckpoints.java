package cn.keywork.supervision.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Signed checkpoints of the trail: "the chain reached number {@code seq} with hash {@code headHash}
 * at {@code createdAt}", signed with a key outside the database. Stored, and meant to be exported by
 * auditors: a trail cut short (and re-keyed events cannot be faked without the chain key) no longer
 * reaches a checkpoint's number or hash.
 * <p>
 * Every instance schedules the checkpoint; the scheduled one is skipped when any instance on the
 * database signed one within the last half interval, so several instances still publish about one
 * per interval.
 */
@ApplicationScoped
public class AuditCheckpoints {

    static final String STATEMENT_PREFIX = "key-work-supervision audit checkpoint ";

    /** Advisory lock key of the scheduled checkpoint ("ACKP"): instances queue, the later one finds it done. */
    static final long SCHEDULE_LOCK = 0x41434B50L;

    private final Clock clock;
    private final AuditKeys keys;
    private final Duration interval;

    AuditCheckpoints(Clock clock, AuditKeys keys, SupervisionConfig config) {
        this.clock = clock;
        this.keys = keys;
        this.interval = config.audit().checkpointInterval();
    }

    /** One checkpoint; {@link #statement()} is the exact text signed. */
    public record Checkpoint(long seq, String headHash, Instant createdAt, String keyId, String signature) {

        public String statement() {
            return statementOf(seq, headHash, createdAt);
        }
    }

    /** The signed text: prefix, number, head hash and the time in UTC (ISO-8601, microseconds at most). */
    public static String statementOf(long seq, String headHash, Instant createdAt) {
        return STATEMENT_PREFIX + seq + " " + headHash + " " + createdAt;
    }

    @Scheduled(every = "${supervision.audit.checkpoint-interval:PT1H}", delayed = "${supervision.audit.checkpoint-interval:PT1H}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return publishIfDue().replaceWithVoid();
    }

    /**
     * The scheduled checkpoint: signed unless one was signed, by any instance, within the last half
     * interval. Answers whether it signed one.
     */
    @WithTransaction
    public Uni<Boolean> publishIfDue() {
        Instant since = clock.instant().minus(interval.dividedBy(2));
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT cast(pg_advisory_xact_lock(" + SCHEDULE_LOCK + ") AS text)", String.class)
                .getSingleResult()
                .chain(() -> session.createNativeQuery("SELECT count(*) FROM audit_checkpoint WHERE created_at > :since",
                        Long.class).setParameter("since", since.atOffset(ZoneOffset.UTC)).getSingleResult())
                .chain(recent -> recent > 0 ? Uni.createFrom().item(false) : sign(session).replaceWith(true)));
    }

    /** Signs and stores a checkpoint of the chain's last committed event. */
    @WithTransaction
    public Uni<Checkpoint> publish() {
        return Panache.getSession().chain(this::sign);
    }

    private Uni<Checkpoint> sign(Mutiny.Session session) {
        return AuditTrail.head(session).chain(head -> {
            Instant now = AuditHash.stored(clock.instant());
            Checkpoint checkpoint = new Checkpoint(head.seq(), head.hash(), now, keys.checkpointKeyId(),
                    keys.sign(statementOf(head.seq(), head.hash(), now)));
            return session.createNativeQuery("""
                    INSERT INTO audit_checkpoint (seq, head_hash, created_at, key_id, signature)
                    VALUES (:seq, :head, :at, :keyId, :signature)""")
                    .setParameter("seq", checkpoint.seq())
                    .setParameter("head", checkpoint.headHash())
                    .setParameter("at", now.atOffset(ZoneOffset.UTC))
                    .setParameter("keyId", checkpoint.keyId())
                    .setParameter("signature", checkpoint.signature())
                    .executeUpdate()
                    .replaceWith(checkpoint);
        });
    }

    /** Newest first. */
    @WithSession
    public Uni<Page<Checkpoint>> search(PageRequest page) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT seq, head_hash, created_at, key_id, signature FROM audit_checkpoint ORDER BY seq DESC, id DESC "
                        + "LIMIT :limit OFFSET :offset", Object[].class)
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList()
                .chain(rows -> session.createNativeQuery("SELECT count(*) FROM audit_checkpoint", Long.class)
                        .getSingleResult()
                        .map(total -> new Page<>(rows.stream().map(AuditCheckpoints::checkpoint).toList(), page, total))));
    }

    /** The stored checkpoints from number {@code fromSeq} on, in order. */
    static Uni<List<Checkpoint>> from(Mutiny.Session session, long fromSeq) {
        return session.createNativeQuery(
                "SELECT seq, head_hash, created_at, key_id, signature FROM audit_checkpoint WHERE seq >= :from ORDER BY seq, id",
                Object[].class)
                .setParameter("from", fromSeq)
                .getResultList()
                .map(rows -> rows.stream().map(AuditCheckpoints::checkpoint).toList());
    }

    /** Whether the checkpoint's signature verifies with this service's checkpoint key. */
    public boolean isSigned(long seq, String headHash, Instant createdAt, String signature) {
        return keys.signed(statementOf(seq, headHash, createdAt), signature);
    }

    private static Checkpoint checkpoint(Object[] row) {
        return new Checkpoint(((Number) row[0]).longValue(), row[1].toString().trim(), cn.keywork.supervision.persistence.SqlValues.instant(row[2]),
                (String) row[3], (String) row[4]);
    }
}
