package cn.keywork.supervision.ballot.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.ballot.domain.Ballot;
import cn.keywork.supervision.ballot.domain.BallotContent;
import cn.keywork.supervision.ballot.domain.Criterion;
import cn.keywork.supervision.ballot.domain.RoundFacts;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.domain.Satisfaction;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The ballots' rows and what they need of their round, in plain SQL. */
@ApplicationScoped
@WithSession
public class BallotRepository {

    private static final TypeReference<Map<String, BigDecimal>> SCORES = new TypeReference<>() {
    };
    private static final String BALLOT = """
            SELECT b.id, b.round_id, b.task_id, b.evaluator_id, cast(b.scores AS text), b.satisfaction, b.comment, b.overall,
                   b.seal, b.cast_at, b.updated_at, b.version
            FROM evaluation_ballot b""";

    private final ObjectMapper json;

    BallotRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The round, or null. {@code share} holds it against a concurrent move until the transaction
     * ends (a ballot is never cast into a round that has just closed).
     */
    public Uni<RoundFacts> round(UUID id, boolean share) {
        String sql = """
                SELECT id, trim(period), title, status, trim_at, quorum, trim(results_digest), published_at
                FROM evaluation_round WHERE id = :id""" + (share ? " FOR SHARE" : "");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class).setParameter("id", id)
                .getResultList()).map(rows -> rows.isEmpty() ? null : round(rows.get(0)));
    }

    static RoundFacts round(Object[] row) {
        return new RoundFacts((UUID) row[0], (String) row[1], (String) row[2], RoundStatus.valueOf((String) row[3]),
                ((Number) row[4]).intValue(), (BigDecimal) row[5], (String) row[6], instant(row[7]));
    }

    public Uni<List<Criterion>> criteria(UUID roundId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT code, weight FROM evaluation_criterion WHERE round_id = :round ORDER BY list_order, code", Object[].class)
                .setParameter("round", roundId).getResultList())
                .map(rows -> rows.stream().map(row -> new Criterion((String) row[0], (BigDecimal) row[1])).toList());
    }

    /** The evaluator the account belongs to, or null. */
    public Uni<UUID> evaluatorOf(UUID userId) {
        if (userId == null) {
            return Uni.createFrom().nullItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM evaluator WHERE user_id = :user", UUID.class).setParameter("user", userId).getResultList())
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** Whether the evaluator sits on the subject's panel of the round. */
    public Uni<Boolean> onPanel(UUID roundId, UUID taskId, UUID evaluatorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT count(*) FROM evaluation_panel_member
                WHERE round_id = :round AND task_id = :task AND evaluator_id = :evaluator""", Long.class)
                .setParameter("round", roundId).setParameter("task", taskId).setParameter("evaluator", evaluatorId)
                .getSingleResult()).map(count -> count > 0);
    }

    /**
     * Casts the ballot, or replaces the evaluator's ballot on the subject (keeping its id and when it
     * was first cast, its version one up); answers its id and whether it was new.
     */
    public Uni<Cast> upsert(BallotContent content, BigDecimal overall, String seal, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO evaluation_ballot (id, round_id, task_id, evaluator_id, scores, overall, satisfaction, comment, seal,
                                               cast_at, updated_at, version)
                VALUES (:id, :round, :task, :evaluator, cast(cast(:scores AS text) AS jsonb), :overall, :satisfaction,
                        cast(:comment AS varchar), :seal, :now, :now, 1)
                ON CONFLICT (round_id, task_id, evaluator_id) DO UPDATE
                SET scores = excluded.scores, overall = excluded.overall, satisfaction = excluded.satisfaction,
                    comment = excluded.comment, seal = excluded.seal, updated_at = excluded.updated_at,
                    version = evaluation_ballot.version + 1
                RETURNING id, version = 1""", Object[].class)
                .setParameter("id", UUID.randomUUID()).setParameter("round", content.roundId())
                .setParameter("task", content.taskId()).setParameter("evaluator", content.evaluatorId())
                .setParameter("scores", write(content.scores())).setParameter("overall", overall)
                .setParameter("satisfaction", content.satisfaction().name()).setParameter("comment", content.comment())
                .setParameter("seal", seal).setParameter("now", offset(now)).getSingleResult())
                .map(row -> new Cast((UUID) row[0], (Boolean) row[1]));
    }

    /** A ballot's id and whether this cast made it. */
    public record Cast(UUID id, boolean created) {
    }

    /** The evaluator's own ballot, or null: another's is never found. Locked until the transaction ends when asked. */
    public Uni<Ballot> own(UUID roundId, UUID ballotId, UUID evaluatorId, boolean lock) {
        String sql = BALLOT + " WHERE b.id = :id AND b.round_id = :round AND b.evaluator_id = :evaluator"
                + (lock ? " FOR UPDATE" : "");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class).setParameter("id", ballotId)
                .setParameter("round", roundId).setParameter("evaluator", evaluatorId).getResultList())
                .map(rows -> rows.isEmpty() ? null : ballot(rows.get(0)));
    }

    /** The evaluator's own ballots of the round, in the order of the round's subjects. */
    public Uni<List<Ballot>> own(UUID roundId, UUID evaluatorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(BALLOT + """
                 JOIN evaluation_subject s ON s.round_id = b.round_id AND s.task_id = b.task_id
                WHERE b.round_id = :round AND b.evaluator_id = :evaluator ORDER BY s.list_order, b.task_id""", Object[].class)
                .setParameter("round", roundId).setParameter("evaluator", evaluatorId).getResultList())
                .map(rows -> rows.stream().map(this::ballot).toList());
    }

    /** Every ballot of the round, for verification only: never answered as such. */
    public Uni<List<Ballot>> all(UUID roundId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(BALLOT + " WHERE b.round_id = :round",
                Object[].class).setParameter("round", roundId).getResultList())
                .map(rows -> rows.stream().map(this::ballot).toList());
    }

    private Ballot ballot(Object[] row) {
        BallotContent content = BallotContent.of((UUID) row[1], (UUID) row[2], (UUID) row[3], read((String) row[4]),
                Satisfaction.valueOf((String) row[5]), (String) row[6]);
        return new Ballot((UUID) row[0], content, (BigDecimal) row[7], ((String) row[8]).trim(), instant(row[9]),
                instant(row[10]), ((Number) row[11]).longValue());
    }

    private String write(Map<String, BigDecimal> scores) {
        try {
            return json.writeValueAsString(scores);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Scores could not be written", e);
        }
    }

    private Map<String, BigDecimal> read(String text) {
        try {
            return json.readerFor(SCORES).with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A ballot's scores could not be read", e);
        }
    }
}
