package cn.keywork.supervision.inquiry.repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.inquiry.domain.InquiryFilter;
import cn.keywork.supervision.inquiry.domain.InquiryReader;
import cn.keywork.supervision.inquiry.domain.InquiryRow;
import cn.keywork.supervision.inquiry.domain.InquirySubject;
import cn.keywork.supervision.persistence.SqlValues;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Inquiries of the public-evaluation rounds (R14) in plain SQL, in the caller's session. */
@ApplicationScoped
public class InquiryRepository {

    /** A round's phase and period. */
    public record Round(UUID id, String period, RoundStatus status) {
    }

    /** The evaluator behind an account. */
    public record EvaluatorRef(UUID id, String kind) {
    }

    private static final String SELECT = """
            SELECT i.id, i.round_id, trim(r.period), i.task_id, k.code, i.unit_id, i.evaluator_id, e.kind, i.question, i.public,
                   i.asked_at, i.answer_due, i.answer, i.answered_at, i.verdict, i.judged_at, i.overdue_at, i.version
              FROM evaluation_inquiry i
              JOIN evaluation_round r ON r.id = i.round_id
              JOIN key_task k ON k.id = i.task_id
              JOIN evaluator e ON e.id = i.evaluator_id
            """;

    /**
     * The inquiries stamped overdue now and their events, one statement: a row is stamped only
     * while its stamp IS NULL, so two scans at once stamp (and announce) it once — the second waits
     * on the row lock and, re-checking the committed row, skips it.
     */
    private static final String OVERDUE = """
            WITH stamped AS (
              UPDATE evaluation_inquiry i SET overdue_at = :now
              WHERE i.answered_at IS NULL AND i.overdue_at IS NULL AND %s
              RETURNING i.id, i.round_id, i.task_id, i.unit_id, i.answer_due),
            ev AS (
              INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
              SELECT gen_random_uuid(), 'evaluation.inquiry_overdue', 'EvaluationInquiry', cast(st.id AS varchar),
                     ARRAY[st.unit_id], trim(r.period),
                     jsonb_build_object('roundId', st.round_id, 'taskId', st.task_id, 'code', k.code,
                         'answerDue', to_char(st.answer_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
                     :now, NULL
              FROM stamped st JOIN evaluation_round r ON r.id = st.round_id JOIN key_task k ON k.id = st.task_id
              ORDER BY st.answer_due, st.id
              RETURNING 1)
            SELECT count(*) FROM ev""";

    /** The round, its row share-locked so that its phase cannot move before the caller's transaction ends; null if none. */
    public Uni<Round> round(UUID roundId, boolean lock) {
        return session().chain(session -> session.createNativeQuery("SELECT id, trim(period), status FROM evaluation_round"
                + " WHERE id = :id" + (lock ? " FOR SHARE" : ""), Object[].class).setParameter("id", roundId).getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new Round((UUID) rows.get(0)[0], rows.get(0)[1].toString(),
                                RoundStatus.valueOf(rows.get(0)[2].toString().trim())));
    }

    /** The active evaluator whose account this is; null if none. */
    public Uni<EvaluatorRef> evaluatorOf(UUID userId) {
        return session().chain(session -> session.createNativeQuery("SELECT id, kind FROM evaluator WHERE user_id = :user AND active",
                Object[].class).setParameter("user", userId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new EvaluatorRef((UUID) rows.get(0)[0], rows.get(0)[1].toString()));
    }

    /** The round's subject with its units, if the evaluator is on its panel; null otherwise. */
    public Uni<InquirySubject> subjectOnPanel(UUID roundId, UUID taskId, UUID evaluatorId) {
        return session().chain(session -> session.createNativeQuery("""
                SELECT k.id, k.code, k.lead_unit_id,
                       (SELECT string_agg(c.unit_id::text, ',') FROM key_task_cooperation c WHERE c.task_id = k.id)
                  FROM evaluation_subject s
                  JOIN key_task k ON k.id = s.task_id
                  JOIN evaluation_panel_member p ON p.round_id = s.round_id AND p.task_id = s.task_id
                 WHERE s.round_id = :round AND s.task_id = :task AND p.evaluator_id = :evaluator""", Object[].class)
                .setParameter("round", roundId).setParameter("task", taskId).setParameter("evaluator", evaluatorId)
                .getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] row = rows.get(0);
                    Set<UUID> cooperating = new HashSet<>();
                    if (row[3] != null && !row[3].toString().isEmpty()) {
                        Arrays.stream(row[3].toString().split(",")).map(UUID::fromString).forEach(cooperating::add);
                    }
                    return new InquirySubject((UUID) row[0], row[1] == null ? null : row[1].toString(), (UUID) row[2],
                            cooperating);
                });
    }

    public Uni<Void> insert(InquiryRow row) {
        return session().chain(session -> session.createNativeQuery("""
                INSERT INTO evaluation_inquiry (id, round_id, task_id, unit_id, evaluator_id, question, asked_at, answer_due,
                    public, version, created_at, updated_at)
                VALUES (:id, :round, :task, :unit, :evaluator, :question, :now, :due, :public, 1, :now, :now)""")
                .setParameter("id", row.id()).setParameter("round", row.roundId()).setParameter("task", row.taskId())
                .setParameter("unit", row.unitId()).setParameter("evaluator", row.evaluatorId())
                .setParameter("question", row.question()).setParameter("now", SqlValues.offset(row.askedAt()))
                .setParameter("due", SqlValues.offset(row.answerDue())).setParameter("public", row.isPublic())
                .executeUpdate()).replaceWithVoid();
    }

    /** The round's inquiry as the reader may see it; null when absent or not theirs. */
    public Uni<InquiryRow> find(UUID roundId, UUID id, InquiryReader reader) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("round", roundId);
        parameters.put("id", id);
        String sql = SELECT + " WHERE i.round_id = :round AND i.id = :id" + readable(reader, parameters);
        return rows(sql, parameters).map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    public Uni<List<InquiryRow>> list(UUID roundId, InquiryFilter filter, InquiryReader reader, Instant now, int limit,
            int offset) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = SELECT + where(roundId, filter, reader, now, parameters) + " ORDER BY i.asked_at, i.id LIMIT :limit OFFSET :offset";
        parameters.put("limit", limit);
        parameters.put("offset", offset);
        return rows(sql, parameters);
    }

    public Uni<Long> count(UUID roundId, InquiryFilter filter, InquiryReader reader, Instant now) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        String sql = "SELECT count(*) FROM evaluation_inquiry i" + where(roundId, filter, reader, now, parameters);
        return session().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    /** Stores the answer unless one is stored; whether it was stored now. */
    public Uni<Boolean> answer(UUID id, String answer, UUID userId, Instant now) {
        return session().chain(session -> session.createNativeQuery("""
                UPDATE evaluation_inquiry SET answer = :answer, answered_by = :user, answered_at = :now,
                       version = version + 1, updated_at = :now
                 WHERE id = :id AND answered_at IS NULL""")
                .setParameter("answer", answer).setParameter("user", userId).setParameter("now", SqlValues.offset(now))
                .setParameter("id", id).executeUpdate()).map(count -> count > 0);
    }

    /** Stores the verdict on an answered inquiry unless one is stored; whether it was stored now. */
    public Uni<Boolean> judge(UUID id, boolean satisfactory, Instant now) {
        return session().chain(session -> session.createNativeQuery("""
                UPDATE evaluation_inquiry SET verdict = :verdict, judged_at = :now, version = version + 1, updated_at = :now
                 WHERE id = :id AND answered_at IS NOT NULL AND judged_at IS NULL""")
                .setParameter("verdict", satisfactory ? "SATISFACTORY" : "UNSATISFACTORY")
                .setParameter("now", SqlValues.offset(now)).setParameter("id", id).executeUpdate()).map(count -> count > 0);
    }

    /** Flags every unanswered inquiry past its due time, once, with its event; how many were flagged. */
    public Uni<Long> overdue(Instant now) {
        return session().chain(session -> session.createNativeQuery(OVERDUE.formatted("i.answer_due < :now"), Long.class)
                .setParameter("now", SqlValues.offset(now)).getSingleResult());
    }

    /** Flags every unanswered inquiry of the round, due or not (its inquiry phase has ended), once, with its event. */
    public Uni<Long> overdueInRound(UUID roundId, Instant now) {
        return session().chain(session -> session.createNativeQuery(OVERDUE.formatted("i.round_id = :round"), Long.class)
                .setParameter("now", SqlValues.offset(now)).setParameter("round", roundId).getSingleResult());
    }

    private static String where(UUID roundId, InquiryFilter filter, InquiryReader reader, Instant now,
            Map<String, Object> parameters) {
        StringBuilder sql = new StringBuilder(" WHERE i.round_id = :round");
        parameters.put("round", roundId);
        if (filter.taskId() != null) {
            sql.append(" AND i.task_id = :task");
            parameters.put("task", filter.taskId());
        }
        if (filter.status() != null) {
            sql.append(switch (filter.status()) {
                case JUDGED -> " AND i.judged_at IS NOT NULL";
                case ANSWERED -> " AND i.answered_at IS NOT NULL AND i.judged_at IS NULL";
                case OVERDUE -> " AND i.answered_at IS NULL AND (i.overdue_at IS NOT NULL OR i.answer_due < :now)";
                case OPEN -> " AND i.answered_at IS NULL AND i.overdue_at IS NULL AND i.answer_due >= :now";
            });
            if (filter.status() == cn.keywork.supervision.inquiry.domain.InquiryStatus.OVERDUE
                    || filter.status() == cn.keywork.supervision.inquiry.domain.InquiryStatus.OPEN) {
                parameters.put("now", SqlValues.offset(now));
            }
        }
        sql.append(readable(reader, parameters));
        return sql.toString();
    }

    private static String readable(InquiryReader reader, Map<String, Object> parameters) {
        if (reader.evaluatorId() != null) {
            parameters.put("evaluator", reader.evaluatorId());
            return " AND i.evaluator_id = :evaluator";
        }
        if (reader.unitId() != null) {
            parameters.put("unit", reader.unitId());
            return " AND i.unit_id = :unit";
        }
        return "";
    }

    private Uni<List<InquiryRow>> rows(String sql, Map<String, Object> parameters) {
        return session().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(InquiryRepository::row).toList());
    }

    private static InquiryRow row(Object[] row) {
        Object verdict = row[14];
        return new InquiryRow((UUID) row[0], (UUID) row[1], row[2].toString(), (UUID) row[3],
                row[4] == null ? null : row[4].toString(), (UUID) row[5], (UUID) row[6], row[7].toString(), row[8].toString(),
                (Boolean) row[9], SqlValues.instant(row[10]), SqlValues.instant(row[11]),
                row[12] == null ? null : row[12].toString(), SqlValues.instant(row[13]),
                verdict == null ? null : "SATISFACTORY".equals(verdict.toString()), SqlValues.instant(row[15]),
                SqlValues.instant(row[16]), ((Number) row[17]).longValue());
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }
}
