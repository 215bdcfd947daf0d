package cn.keywork.supervision.account.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.account.domain.SignInLockout;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Failed sign-ins per account and client address, in the database so that every instance counts
 * the same. Callers run in a transaction; a failure locks its row, so concurrent failures all count.
 */
@ApplicationScoped
public class SignInFailureRepository {

    public Uni<SignInLockout.Counter> of(UUID userId, String source) {
        return Panache.getSession().chain(session -> read(session, userId, source, ""));
    }

    /** Counts a failure by {@code rule}; answers the counter after it. */
    public Uni<SignInLockout.Counter> failed(UUID userId, String source, SignInLockout.Rule rule, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO sign_in_failure (user_id, source, failures, last_failure_at)
                VALUES (:user, :source, 0, :now) ON CONFLICT (user_id, source) DO NOTHING""")
                .setParameter("user", userId).setParameter("source", source).setParameter("now", at(now))
                .executeUpdate()
                .chain(() -> read(session, userId, source, " FOR UPDATE"))
                .chain(counter -> {
                    SignInLockout.Counter next = rule.afterFailure(counter, now);
                    return session.createNativeQuery("""
                            UPDATE sign_in_failure SET failures = :failures, last_failure_at = :last, locked_until = :locked
                            WHERE user_id = :user AND source = :source""")
                            .setParameter("failures", next.failures())
                            .setParameter("last", at(next.lastFailureAt()))
                            .setParameter("locked", at(next.lockedUntil()))
                            .setParameter("user", userId).setParameter("source", source)
                            .executeUpdate()
                            .replaceWith(next);
                }));
    }

    /** A success from the address forgets its failures. */
    public Uni<Integer> clear(UUID userId, String source) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM sign_in_failure WHERE user_id = :user AND source = :source")
                .setParameter("user", userId).setParameter("source", source).executeUpdate());
    }

    /** A password reset lifts every lock of the account. */
    public Uni<Integer> clear(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM sign_in_failure WHERE user_id = :user").setParameter("user", userId).executeUpdate());
    }

    /** Rows neither recent nor locking anything any more. */
    public Uni<Integer> deleteStale(Instant before) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                DELETE FROM sign_in_failure WHERE last_failure_at < :before
                    AND (locked_until IS NULL OR locked_until < :before)""")
                .setParameter("before", at(before)).executeUpdate());
    }

    private static Uni<SignInLockout.Counter> read(Mutiny.Session session, UUID userId, String source, String lock) {
        return session.createNativeQuery("SELECT failures, last_failure_at, locked_until FROM sign_in_failure "
                + "WHERE user_id = :user AND source = :source" + lock, Object[].class)
                .setParameter("user", userId).setParameter("source", source)
                .getResultList()
                .map(rows -> rows.isEmpty() ? SignInLockout.Counter.NONE
                        : new SignInLockout.Counter(((Number) rows.get(0)[0]).intValue(), instant(rows.get(0)[1]),
                                instant(rows.get(0)[2])));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

}
