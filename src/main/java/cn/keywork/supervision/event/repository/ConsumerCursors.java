package cn.keywork.supervision.event.repository;

import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The cursors of the consumers that read the event log in commit order (the points posting, the
 * webhook fan-out), one row each in {@code point_posting_cursor}: one instance at a time holds a
 * cursor under a lease. Runs in the caller's transaction, which keeps the row locked until it ends.
 */
public final class ConsumerCursors {

    /** Where a claimed cursor stands: after the event {@code (txId, seq)} in commit order. */
    public record Position(String txId, long seq) {
    }

    /** Claims cursor {@code name} for {@code owner} (its lease expired or is ours); null when another holds it. */
    public static Uni<Position> claim(String name, String owner, Instant now, Instant leaseUntil) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE point_posting_cursor SET owner = :owner, lease_until = :lease, updated_at = :now
                 WHERE name = :name AND (lease_until IS NULL OR lease_until < :now OR owner = :owner)
                RETURNING cast(tx_id AS text), seq""", Object[].class)
                .setParameter("owner", owner).setParameter("lease", offset(leaseUntil)).setParameter("now", offset(now))
                .setParameter("name", name)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new Position((String) rows.get(0)[0], ((Number) rows.get(0)[1]).longValue()));
    }

    private ConsumerCursors() {
    }
}
