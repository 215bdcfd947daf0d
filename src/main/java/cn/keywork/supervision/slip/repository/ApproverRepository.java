package cn.keywork.supervision.slip.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.slip.domain.SlipApprover;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The leaders given the right to approve any supervision order (R9), in plain SQL. */
@ApplicationScoped
@WithSession
public class ApproverRepository {

    /** An account as granting needs it: whether it is active and which roles it holds. */
    public record Candidate(UUID id, boolean active, Set<Role> roles) {
    }

    private static final String SELECT = """
            SELECT a.user_id, u.username, u.display_name, a.note, a.granted_at
            FROM slip_approver a JOIN app_user u ON u.id = a.user_id""";

    public Uni<List<SlipApprover>> list() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                SELECT + " ORDER BY u.display_name, u.username", Object[].class).getResultList())
                .map(rows -> rows.stream().map(ApproverRepository::approver).toList());
    }

    /** The approver, locked until the transaction ends when asked; null when the right was not given. */
    public Uni<SlipApprover> find(UUID userId, boolean lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                SELECT + " WHERE a.user_id = :user" + (lock ? " FOR UPDATE OF a" : ""), Object[].class)
                .setParameter("user", userId).getResultList())
                .map(rows -> rows.isEmpty() ? null : approver(rows.get(0)));
    }

    /** The account, or null when there is none. */
    public Uni<Candidate> candidate(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT u.id, u.active, u.roles FROM app_user u WHERE u.id = :user AND u.kind = 'PERSON'", Object[].class)
                .setParameter("user", userId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new Candidate((UUID) rows.get(0)[0], (Boolean) rows.get(0)[1],
                        roles((String) rows.get(0)[2])));
    }

    /**
     * Grants the right, or replaces the note when it stands already; answers whether it was granted
     * now ({@code xmax = 0}: the row was inserted, not updated). Two grants at once meet at the
     * primary key: the later one updates the note.
     */
    public Uni<Boolean> grant(UUID userId, String note, UUID grantedBy, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO slip_approver (user_id, note, granted_by, granted_at)
                VALUES (:user, cast(:note AS varchar), cast(:by AS uuid), :now)
                ON CONFLICT (user_id) DO UPDATE SET note = excluded.note
                RETURNING (xmax = 0)""", Boolean.class)
                .setParameter("user", userId).setParameter("note", note).setParameter("by", grantedBy)
                .setParameter("now", now.atOffset(ZoneOffset.UTC)).getSingleResult());
    }

    /** Takes the right back; answers whether it stood. */
    public Uni<Boolean> revoke(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM slip_approver WHERE user_id = :user").setParameter("user", userId).executeUpdate())
                .map(count -> count > 0);
    }

    private static SlipApprover approver(Object[] row) {
        return new SlipApprover((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], instant(row[4]));
    }

    private static Set<Role> roles(String joined) {
        return joined == null || joined.isBlank() ? Set.of()
                : Arrays.stream(joined.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                        .flatMap(name -> Arrays.stream(Role.values()).filter(role -> role.name().equals(name)))
                        .collect(Collectors.toUnmodifiableSet());
    }

}
