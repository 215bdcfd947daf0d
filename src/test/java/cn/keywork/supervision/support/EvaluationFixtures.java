package cn.keywork.supervision.support;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Evaluators and public-evaluation rounds (R14, R15) written the way their tables keep them, so a
 * test of ballots or inquiries can start from a round in any phase. Evaluators get a real
 * EVALUATOR account made through the API, and its token.
 */
public final class EvaluationFixtures {

    /** Quarters no other test uses: a round is one per quarter. */
    private static final AtomicInteger NEXT_YEAR = new AtomicInteger(2200 + ThreadLocalRandom.current().nextInt(5000));

    /** The default criteria: code, weight. */
    public static final List<String[]> CRITERIA = List.of(new String[] {"PROGRESS", "进展情况", "40"},
            new String[] {"EFFECT", "工作成效", "30"}, new String[] {"PROBLEMS", "问题解决", "20"},
            new String[] {"RESPONSE", "质询回应", "10"});

    private final Pool database;

    public EvaluationFixtures(Pool database) {
        this.database = database;
    }

    /** An evaluator with an account. */
    public record Evaluator(String id, String userId, String username, String token) {
    }

    /** A fresh quarter, {@code 2345-Q2}, used by no other round. */
    public static String freshQuarter() {
        return NEXT_YEAR.getAndIncrement() + "-Q" + (1 + ThreadLocalRandom.current().nextInt(4));
    }

    /** An active evaluator of {@code kind}, affiliated with {@code unitId} when not null. */
    public Evaluator evaluator(String kind, String unitId) {
        String username = "t-eval-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = TestAccounts.createAccount(username, "EVALUATOR", null);
        String token = TestAccounts.activate(username);
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO evaluator (id, kind, name, affiliation, affiliation_unit_id, expertise, term_from, term_to,
                    user_id, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, '{OTHER}', DATE '2023-01-01', DATE '2027-12-31', $6, 1, now(), now())""")
                .execute(Tuple.tuple().addUUID(id).addString(kind).addString("评议员" + username.substring(7))
                        .addString(unitId == null ? "社会各界" : "所在单位").addUUID(unitId == null ? null : UUID.fromString(unitId))
                        .addUUID(UUID.fromString(userId)))
                .await().indefinitely();
        return new Evaluator(id.toString(), userId, username, token);
    }

    /**
     * A round of a fresh quarter in {@code status}, with the default criteria (frozen unless a
     * DRAFT), the given subjects, a minimum panel of {@code minPanel}, a quorum of two thirds and
     * the highest and lowest overall scores dropped from 5 ballots.
     */
    public String round(String status, int minPanel, String... taskIds) {
        UUID id = UUID.randomUUID();
        String quarter = freshQuarter();
        boolean draft = status.equals("DRAFT");
        OffsetDateTime now = OffsetDateTime.now();
        database.preparedQuery("""
                INSERT INTO evaluation_round (id, period, year, title, status, min_panel, quorum, trim_at,
                    criteria_version, criteria_frozen_at, published_at, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, 0.667, 5, $7, $8, $9, 1, now(), now())""")
                .execute(Tuple.tuple().addUUID(id).addString(quarter).addInteger(Integer.parseInt(quarter.substring(0, 4)))
                        .addString(quarter + " 重点工作公开评议").addString(status).addInteger(minPanel)
                        .addInteger(draft ? null : 1).addValue(draft ? null : now)
                        .addValue(status.equals("PUBLISHED") ? now : null))
                .await().indefinitely();
        int order = 0;
        for (String[] criterion : CRITERIA) {
            database.preparedQuery("INSERT INTO evaluation_criterion (round_id, code, name, weight, list_order) VALUES ($1, $2, $3, $4, $5)")
                    .execute(Tuple.of(id, criterion[0], criterion[1], new BigDecimal(criterion[2]), order++))
                    .await().indefinitely();
        }
        order = 0;
        for (String taskId : taskIds) {
            database.preparedQuery("INSERT INTO evaluation_subject (round_id, task_id, list_order) VALUES ($1, $2, $3)")
                    .execute(Tuple.of(id, UUID.fromString(taskId), order++)).await().indefinitely();
        }
        return id.toString();
    }

    /** Puts the evaluators on the subject's panel. */
    public void panel(String roundId, String taskId, Evaluator... members) {
        for (Evaluator member : members) {
            database.preparedQuery("""
                    INSERT INTO evaluation_panel_member (round_id, task_id, evaluator_id, assigned_at)
                    VALUES ($1, $2, $3, now())""")
                    .execute(Tuple.of(UUID.fromString(roundId), UUID.fromString(taskId), UUID.fromString(member.id())))
                    .await().indefinitely();
        }
    }

    /** Moves the round to {@code status} directly (what the transitions would have done before). */
    public void status(String roundId, String status) {
        database.preparedQuery("""
                UPDATE evaluation_round SET status = $2,
                    criteria_frozen_at = CASE WHEN $2 = 'DRAFT' THEN NULL ELSE coalesce(criteria_frozen_at, now()) END,
                    criteria_version = CASE WHEN $2 = 'DRAFT' THEN NULL ELSE coalesce(criteria_version, 1) END,
                    published_at = CASE WHEN $2 = 'PUBLISHED' THEN coalesce(published_at, now()) END
                WHERE id = $1""")
                .execute(Tuple.of(UUID.fromString(roundId), status)).await().indefinitely();
    }
}
