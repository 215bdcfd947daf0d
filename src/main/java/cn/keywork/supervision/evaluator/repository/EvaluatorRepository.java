package cn.keywork.supervision.evaluator.repository;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.evaluation.domain.EvaluatorKind;
import cn.keywork.supervision.evaluator.domain.EvaluatorFilter;
import cn.keywork.supervision.evaluator.domain.EvaluatorRow;
import cn.keywork.supervision.persistence.SqlValues;
import cn.keywork.supervision.web.LikePatterns;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The evaluator corps in plain SQL, each row with the username of its account. */
@ApplicationScoped
@WithSession
public class EvaluatorRepository {

    private static final String COLUMNS = """
            SELECT e.id, e.kind, e.name, e.affiliation, e.affiliation_unit_id, array_to_string(e.expertise, ','),
                   e.term_from, e.term_to, e.appointment_document, e.mobile, e.email, e.name_public, e.active,
                   e.user_id, u.username, e.version, e.created_at, e.updated_at
            FROM evaluator e JOIN app_user u ON u.id = e.user_id""";

    private static final String FILTER = """
             WHERE (cast(:kind AS text) IS NULL OR e.kind = cast(:kind AS text))
               AND (cast(:active AS boolean) IS NULL OR e.active = cast(:active AS boolean))
               AND (cast(:q AS text) IS NULL OR lower(e.name) LIKE cast(:q AS text) ESCAPE '\\'
                    OR lower(e.affiliation) LIKE cast(:q AS text) ESCAPE '\\')""";

    public Uni<List<EvaluatorRow>> page(EvaluatorFilter filter, PageRequest page) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(COLUMNS + " " + FILTER
                + " ORDER BY e.name, e.id LIMIT :limit OFFSET :offset", Object[].class), filter)
                .setParameter("limit", page.size())
                .setParameter("offset", page.offset())
                .getResultList())
                .map(rows -> rows.stream().map(EvaluatorRepository::row).toList());
    }

    public Uni<Long> count(EvaluatorFilter filter) {
        return Panache.getSession().chain(session -> bind(session.createNativeQuery(
                "SELECT count(*) FROM evaluator e " + FILTER, Long.class), filter).getSingleResult());
    }

    private static <T> Mutiny.SelectionQuery<T> bind(Mutiny.SelectionQuery<T> query, EvaluatorFilter filter) {
        return query.setParameter("kind", filter.kind() == null ? null : filter.kind().name())
                .setParameter("active", filter.active())
                .setParameter("q", filter.q() == null ? null : LikePatterns.containing(filter.q()));
    }

    /** The evaluator, locked until the transaction ends when {@code lock}; null when none. */
    public Uni<EvaluatorRow> find(UUID id, boolean lock) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " WHERE e.id = :id" + (lock ? " FOR UPDATE OF e" : ""), Object[].class)
                .setParameter("id", id)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /** The evaluator whose account this is; null when none. */
    public Uni<EvaluatorRow> ofAccount(UUID userId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " WHERE e.user_id = :user", Object[].class)
                .setParameter("user", userId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    public Uni<Void> insert(EvaluatorRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO evaluator (id, kind, name, affiliation, affiliation_unit_id, expertise, term_from, term_to,
                                       appointment_document, mobile, email, name_public, active, user_id, version,
                                       created_at, updated_at)
                VALUES (:id, :kind, :name, :affiliation, cast(:unit AS uuid),
                        cast(string_to_array(:expertise, ',') AS varchar(32)[]), cast(cast(:from AS text) AS date),
                        cast(cast(:to AS text) AS date), :document, :mobile, :email, :namePublic, :active, :user,
                        :version, :created, :updated)""")
                .setParameter("id", row.id())
                .setParameter("kind", row.kind().name())
                .setParameter("name", row.name())
                .setParameter("affiliation", row.affiliation())
                .setParameter("unit", row.affiliationUnitId() == null ? null : row.affiliationUnitId().toString())
                .setParameter("expertise", String.join(",", row.expertise()))
                .setParameter("from", row.termFrom().toString())
                .setParameter("to", row.termTo().toString())
                .setParameter("document", row.appointmentDocument())
                .setParameter("mobile", row.mobile())
                .setParameter("email", row.email())
                .setParameter("namePublic", row.namePublic())
                .setParameter("active", row.active())
                .setParameter("user", row.userId())
                .setParameter("version", row.version())
                .setParameter("created", SqlValues.offset(row.createdAt()))
                .setParameter("updated", SqlValues.offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> update(EvaluatorRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE evaluator SET kind = :kind, name = :name, affiliation = :affiliation,
                       affiliation_unit_id = cast(:unit AS uuid),
                       expertise = cast(string_to_array(:expertise, ',') AS varchar(32)[]),
                       term_from = cast(cast(:from AS text) AS date), term_to = cast(cast(:to AS text) AS date),
                       appointment_document = :document, mobile = :mobile, email = :email, name_public = :namePublic,
                       active = :active, version = :version, updated_at = :updated
                WHERE id = :id""")
                .setParameter("id", row.id())
                .setParameter("kind", row.kind().name())
                .setParameter("name", row.name())
                .setParameter("affiliation", row.affiliation())
                .setParameter("unit", row.affiliationUnitId() == null ? null : row.affiliationUnitId().toString())
                .setParameter("expertise", String.join(",", row.expertise()))
                .setParameter("from", row.termFrom().toString())
                .setParameter("to", row.termTo().toString())
                .setParameter("document", row.appointmentDocument())
                .setParameter("mobile", row.mobile())
                .setParameter("email", row.email())
                .setParameter("namePublic", row.namePublic())
                .setParameter("active", row.active())
                .setParameter("version", row.version())
                .setParameter("updated", SqlValues.offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    private static EvaluatorRow row(Object[] row) {
        String expertise = (String) row[5];
        return new EvaluatorRow((UUID) row[0], EvaluatorKind.valueOf((String) row[1]), (String) row[2], (String) row[3],
                (UUID) row[4], expertise == null || expertise.isEmpty() ? List.of() : Arrays.asList(expertise.split(",")),
                (LocalDate) row[6], (LocalDate) row[7], (String) row[8], (String) row[9], (String) row[10],
                (Boolean) row[11], (Boolean) row[12], (UUID) row[13], (String) row[14], ((Number) row[15]).longValue(),
                SqlValues.instant(row[16]), SqlValues.instant(row[17]));
    }
}
