package cn.keywork.supervision.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The only way audit events leave the trail: past their retention (at least 180 days), removed
 * by this job in a transaction that marks itself for the append-only trigger, and recorded as an
 * event that names the last number removed and the hash the remaining chain now starts from.
 * Checkpoints before that number go with the events.
 */
@ApplicationScoped
public class AuditPruning {

    static final String ACTION = "AUDIT_PRUNED";
    static final Duration MINIMUM_RETENTION = Duration.ofDays(180);
    private static final String ANCHOR = "chain continues from ";
    private static final java.util.regex.Pattern LAST_REMOVED = java.util.regex.Pattern.compile("up to number (\\d+);");

    private final Clock clock;
    private final Duration retention;
    private final AuditTrail trail;

    AuditPruning(Clock clock, SupervisionConfig config, AuditTrail trail) {
        this.clock = clock;
        this.retention = config.audit().retention();
        this.trail = trail;
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalStateException("supervision.audit.retention must be at least " + MINIMUM_RETENTION.toDays() + " days");
        }
    }

    @Scheduled(cron = "0 30 3 * * ?", timeZone = "Asia/Shanghai", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return prune().replaceWithVoid();
    }

    /** Removes the events past retention; answers how many. */
    @WithTransaction
    public Uni<Long> prune() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(retention);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + AuditTrail.CHAIN_LOCK + ")").getSingleResult()
                .chain(() -> session.createNativeQuery(
                        "SELECT seq, hash FROM audit_event WHERE occurred_at < :cutoff ORDER BY seq DESC LIMIT 1", Object[].class)
                        .setParameter("cutoff", cutoff).getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().item(0L) : remove(session, rows.get(0))));
    }

    /**
     * Records the pruning first, so that its event links to the chain as it stands and names the
     * hash the kept events will start from; then removes the old events.
     */
    private Uni<Long> remove(org.hibernate.reactive.mutiny.Mutiny.Session session, Object[] last) {
        long lastSeq = ((Number) last[0]).longValue();
        String anchor = last[1].toString().trim();
        return session.createNativeQuery("SELECT count(*) FROM audit_event WHERE seq <= :last", Long.class)
                .setParameter("last", lastSeq).getSingleResult()
                .call(count -> trail.record(Actor.SYSTEM, new AuditEntry(ACTION, "AuditTrail", null,
                        AuditEntry.Outcome.SUCCESS, null,
                        "Removed " + count + " events up to number " + lastSeq + "; " + ANCHOR + anchor)))
                .call(() -> session.createNativeQuery("SELECT set_config('supervision.audit_pruning', 'on', true)")
                        .getSingleResult())
                .call(() -> session.createNativeQuery("DELETE FROM audit_event WHERE seq <= :last")
                        .setParameter("last", lastSeq).executeUpdate())
                .call(() -> session.createNativeQuery("DELETE FROM audit_checkpoint WHERE seq < :last")
                        .setParameter("last", lastSeq).executeUpdate())
                .call(() -> session.createNativeQuery("SELECT set_config('supervision.audit_pruning', 'off', true)")
                        .getSingleResult());
    }

    /**
     * The last number a pruning removed; 0 for prunings before events were numbered, after which
     * the kept events were numbered from 1.
     */
    static long lastRemovedSeqOf(String detail) {
        java.util.regex.Matcher matcher = LAST_REMOVED.matcher(detail == null ? "" : detail);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    static String anchorOf(String detail) {
        int at = detail == null ? -1 : detail.indexOf(ANCHOR);
        return at < 0 ? AuditHash.GENESIS : detail.substring(at + ANCHOR.length()).trim();
    }
}
