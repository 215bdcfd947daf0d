package cn.keywork.supervision.ballot.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.ballot.domain.PublicEvaluation;
import cn.keywork.supervision.ballot.domain.RoundFacts;
import cn.keywork.supervision.ballot.domain.SubjectResult;
import cn.keywork.supervision.evaluation.domain.EvaluatorKind;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** A round's results: computed and stored set-based, checked again, read, published. */
@ApplicationScoped
@WithSession
public class ResultRepository {

    private static final String RESULT_ROWS = """
            SELECT e.task_id, k.code, k.title, k.lead_unit_id, u.name, e.score, e.satisfaction_rate, e.rank, e.ballots,
                   e.panel, e.rated, e.trimmed
            FROM evaluation_result e
            JOIN key_task k ON k.id = e.task_id
            JOIN org_unit u ON u.id = k.lead_unit_id
            JOIN evaluation_subject s ON s.round_id = e.round_id AND s.task_id = e.task_id
            WHERE e.round_id = :round""";

    /** Replaces the round's results with those computed from its ballots, and stamps its digest; answers the digest. */
    public Uni<String> compute(UUID roundId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "DELETE FROM evaluation_result WHERE round_id = :round").setParameter("round", roundId).executeUpdate()
                .chain(() -> session.createNativeQuery(ResultSql.STORE).setParameter("round", roundId)
                        .setParameter("now", offset(now)).executeUpdate())
                .chain(() -> session.createNativeQuery("UPDATE evaluation_round SET results_digest = (" + ResultSql.DIGEST
                        + ") WHERE id = :round").setParameter("round", roundId).executeUpdate())
                .chain(() -> digest(roundId)));
    }

    /** The digest over the round's seals as they are stored now. */
    public Uni<String> digest(UUID roundId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ResultSql.DIGEST, String.class)
                .setParameter("round", roundId).getSingleResult());
    }

    /** The subjects whose stored result does not follow from the stored ballots. */
    public Uni<List<UUID>> differing(UUID roundId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ResultSql.DIFFERING, UUID.class)
                .setParameter("round", roundId).getResultList());
    }

    /** Appends an {@code evaluation.result_published} event per subject. */
    public Uni<Integer> publishEvents(UUID roundId, String type, UUID actorId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ResultSql.PUBLISHED_EVENTS)
                .setParameter("round", roundId).setParameter("type", type).setParameter("now", offset(now))
                .setParameter("actor", actorId == null ? null : actorId.toString()).executeUpdate());
    }

    /**
     * The round's stored results in rank order (the not rated last), all of them or only the
     * subjects {@code unitId} leads or cooperates on.
     */
    public Uni<List<SubjectResult>> results(UUID roundId, UUID unitId) {
        String sql = RESULT_ROWS + (unitId == null ? "" : " AND (k.lead_unit_id = :unit OR EXISTS ("
                + "SELECT 1 FROM key_task_cooperation c WHERE c.task_id = k.id AND c.unit_id = :unit))")
                + " ORDER BY e.rank NULLS LAST, s.list_order, e.task_id";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("round", roundId);
            if (unitId != null) {
                query.setParameter("unit", unitId);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(ResultRepository::result).toList());
    }

    private static SubjectResult result(Object[] row) {
        return new SubjectResult((UUID) row[0], (String) row[1], (String) row[2], (UUID) row[3], (String) row[4],
                (BigDecimal) row[5], (BigDecimal) row[6], row[7] == null ? null : ((Number) row[7]).intValue(),
                ((Number) row[8]).intValue(), ((Number) row[9]).intValue(), (Boolean) row[10], (Boolean) row[11]);
    }

    // --- The public's view ------------------------------------------------------------------------

    /** The published rounds, newest quarter first, with how many subjects each evaluated. */
    public Uni<List<PublicEvaluation.Summary>> published() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT trim(r.period), r.title, r.published_at,
                       cast((SELECT count(*) FROM evaluation_subject s WHERE s.round_id = r.id) AS int)
                FROM evaluation_round r WHERE r.status = 'PUBLISHED' ORDER BY r.period DESC""", Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new PublicEvaluation.Summary((String) row[0], (String) row[1],
                        instant(row[2]), ((Number) row[3]).intValue())).toList());
    }

    /** The published round of the quarter, or null. */
    public Uni<RoundFacts> published(String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id, trim(period), title, status, trim_at, quorum, trim(results_digest), published_at
                FROM evaluation_round WHERE period = :period AND status = 'PUBLISHED'""", Object[].class)
                .setParameter("period", period).getResultList())
                .map(rows -> rows.isEmpty() ? null : BallotRepository.round(rows.get(0)));
    }

    /**
     * The round's subjects for the public, in rank order, each with its public inquiries: task code
     * and title, lead unit's name, the figures; an inquirer by kind, by name only when they agreed.
     */
    public Uni<List<PublicEvaluation.Subject>> publicSubjects(UUID roundId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(RESULT_ROWS
                + " ORDER BY e.rank NULLS LAST, s.list_order, e.task_id", Object[].class).setParameter("round", roundId)
                .getResultList()
                .chain(results -> session.createNativeQuery("""
                        SELECT i.task_id, v.kind, CASE WHEN v.name_public THEN v.name END, i.question, i.asked_at, i.answer,
                               i.answered_at, i.verdict
                        FROM evaluation_inquiry i JOIN evaluator v ON v.id = i.evaluator_id
                        WHERE i.round_id = :round AND i.public
                        ORDER BY i.asked_at, i.id""", Object[].class).setParameter("round", roundId).getResultList()
                        .map(inquiries -> subjects(results, inquiries))));
    }

    private static List<PublicEvaluation.Subject> subjects(List<Object[]> results, List<Object[]> inquiries) {
        Map<UUID, List<PublicEvaluation.Inquiry>> byTask = new LinkedHashMap<>();
        for (Object[] row : inquiries) {
            byTask.computeIfAbsent((UUID) row[0], task -> new ArrayList<>()).add(new PublicEvaluation.Inquiry(
                    EvaluatorKind.valueOf((String) row[1]), (String) row[2], (String) row[3], instant(row[4]), (String) row[5],
                    instant(row[6]), (String) row[7]));
        }
        return results.stream().map(ResultRepository::result).map(result -> new PublicEvaluation.Subject(result.taskCode(),
                result.taskTitle(), result.leadUnitName(), result.score(), result.satisfactionRate(), result.rank(),
                result.ballots(), result.rated(), byTask.getOrDefault(result.taskId(), List.of()))).toList();
    }
}
