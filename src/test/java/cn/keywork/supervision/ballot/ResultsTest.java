package cn.keywork.supervision.ballot;

import static cn.keywork.supervision.ballot.BallotTest.ballot;
import static cn.keywork.supervision.ballot.BallotTest.ballots;
import static cn.keywork.supervision.ballot.BallotTest.by;
import static cn.keywork.supervision.ballot.BallotTest.flat;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.EvaluationFixtures.Evaluator;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * R14: results computed from the ballots when scoring closes — weighted overall scores, the highest
 * and lowest dropped from five ballots on, satisfaction rate, quorum, rank — verified against the
 * stored ballots, and one event per subject when they are published.
 */
@QuarkusTest
class ResultsTest {

    @Inject
    Pool database;

    @Inject
    RoundMoves moves;

    private EvaluationFixtures fixtures() {
        return new EvaluationFixtures(database);
    }

    private static String unit(String name) {
        return Units.registerId(uniqueCode("EVR"), name);
    }

    private static String results(String round) {
        return "/api/v1/evaluation-rounds/" + round + "/results";
    }

    private static Map<String, Object> item(JsonPath results, String taskId) {
        List<Map<String, Object>> items = results.getList("items");
        return items.stream().filter(item -> taskId.equals(item.get("taskId"))).findFirst().orElseThrow();
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    @Test
    void r14_trimmed_mean_at_4_5_and_6_ballots_satisfaction_rate_quorum_and_rank_with_ties() {
        String lead = unit("评议结果单位甲");
        String six = SlipFixtures.task(lead, null);
        String five = SlipFixtures.task(lead, null);
        String four = SlipFixtures.task(lead, null);
        String pair = SlipFixtures.task(unit("评议结果单位乙"), null);
        String thin = SlipFixtures.task(lead, null);
        Evaluator[] e = new Evaluator[6];
        for (int i = 0; i < e.length; i++) {
            e[i] = fixtures().evaluator(i % 2 == 0 ? "NPC_DEPUTY" : "SPECIAL_SUPERVISOR", null);
        }
        String round = fixtures().round("SCORING", 2, six, five, four, pair, thin);
        fixtures().panel(round, six, e);
        fixtures().panel(round, five, e[0], e[1], e[2], e[3], e[4]);
        fixtures().panel(round, four, e[0], e[1], e[2], e[3]);
        fixtures().panel(round, pair, e[4], e[5]);
        fixtures().panel(round, thin, e[0], e[1], e[2]);

        // Six ballots, overall 100, 90, 88.5, 84, 70, 40: 100 and 40 dropped, (90 + 88.5 + 84 + 70) / 4 = 83.125 → 83.13.
        // Satisfied 2 + basically satisfied 2 of 6 → 0.6667.
        cast(e[0], flat(six, 100, "SATISFIED"), round);
        cast(e[1], flat(six, 90, "SATISFIED"), round);
        cast(e[2], flat(six, 88.5, "BASICALLY_SATISFIED"), round);
        cast(e[3], flat(six, 84, "BASICALLY_SATISFIED"), round);
        cast(e[4], flat(six, 70, "DISSATISFIED"), round);
        cast(e[5], flat(six, 40, "DISSATISFIED"), round);
        // Five ballots, overall 95, 85, 80 (weighted: 90×40 + 80×30 + 70×20 + 60×10 over 100), 75, 50:
        // 95 and 50 dropped, (85 + 80 + 75) / 3 = 80.00; all satisfied → 1.
        cast(e[0], flat(five, 95, "SATISFIED"), round);
        cast(e[1], flat(five, 85, "SATISFIED"), round);
        cast(e[2], ballot(five, 90, 80, 70, 60, "SATISFIED"), round);
        cast(e[3], flat(five, 75, "BASICALLY_SATISFIED"), round);
        cast(e[4], flat(five, 50, "SATISFIED"), round);
        // Four ballots, below five: nothing dropped, (90 + 80 + 70 + 60) / 4 = 75.00; one satisfied of four → 0.25.
        cast(e[0], flat(four, 90, "DISSATISFIED"), round);
        cast(e[1], flat(four, 80, "DISSATISFIED"), round);
        cast(e[2], flat(four, 70, "SATISFIED"), round);
        cast(e[3], flat(four, 60, "DISSATISFIED"), round);
        // Two of a panel of two: (78 + 82) / 2 = 80.00, tied with the five-ballot subject.
        cast(e[4], flat(pair, 78, "SATISFIED"), round);
        cast(e[5], flat(pair, 82, "DISSATISFIED"), round);
        // One of a panel of three, below the quorum of two thirds (2): not rated, no score, never zero.
        cast(e[0], flat(thin, 99, "SATISFIED"), round);

        as("OFFICE").get(results(round)).then().statusCode(409);
        moves.move(round, "CLOSE");

        JsonPath answer = as("ASSESSMENT").get(results(round)).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("items", hasSize(5)).extract().jsonPath();
        assertThat(answer.getString("digest")).matches("[0-9a-f]{64}");
        Map<String, Object> sixth = item(answer, six);
        assertThat(number(sixth.get("score"))).isEqualByComparingTo("83.13");
        assertThat(number(sixth.get("satisfactionRate"))).isEqualByComparingTo("0.6667");
        assertThat(sixth).containsEntry("rank", 1).containsEntry("ballots", 6).containsEntry("panel", 6)
                .containsEntry("rated", true).containsEntry("trimmed", true);
        Map<String, Object> fifth = item(answer, five);
        assertThat(number(fifth.get("score"))).isEqualByComparingTo("80.00");
        assertThat(number(fifth.get("satisfactionRate"))).isEqualByComparingTo("1");
        assertThat(fifth).containsEntry("rank", 2).containsEntry("ballots", 5).containsEntry("trimmed", true);
        Map<String, Object> paired = item(answer, pair);
        assertThat(number(paired.get("score"))).isEqualByComparingTo("80.00");
        assertThat(number(paired.get("satisfactionRate"))).isEqualByComparingTo("0.5");
        assertThat(paired).containsEntry("rank", 2).containsEntry("trimmed", false);
        Map<String, Object> fourth = item(answer, four);
        assertThat(number(fourth.get("score"))).isEqualByComparingTo("75.00");
        assertThat(number(fourth.get("satisfactionRate"))).isEqualByComparingTo("0.25");
        assertThat(fourth).containsEntry("rank", 4).containsEntry("ballots", 4).containsEntry("trimmed", false);
        Map<String, Object> unrated = item(answer, thin);
        assertThat(unrated).containsEntry("rated", false).containsEntry("ballots", 1).containsEntry("panel", 3)
                .doesNotContainKey("score").doesNotContainKey("rank").doesNotContainKey("satisfactionRate");
        // Rank order, the not rated last.
        assertThat(answer.getList("items.taskId")).containsExactly(six, five, pair, four, thin);
        Row stored = database.preparedQuery("SELECT score, rated FROM evaluation_result WHERE round_id = $1 AND task_id = $2")
                .execute(Tuple.of(UUID.fromString(round), UUID.fromString(thin))).await().indefinitely().iterator().next();
        assertThat(stored.getValue("score")).isNull();

        // A unit sees the subjects it answers for only.
        String other = database.preparedQuery("SELECT cast(lead_unit_id AS text) FROM key_task WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(pair))).await().indefinitely().iterator().next().getString(0);
        asUnit("UNIT_LIAISON", other).get(results(round)).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].taskId", equalTo(pair));
        as("AUDITOR").post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(200)
                .body("verified", equalTo(true)).body("ballots", equalTo(18)).body("findings", hasSize(0))
                .body("digest", equalTo(answer.getString("digest")));
    }

    @Test
    void r14_results_are_reproducible_and_a_changed_ballot_row_is_detected() {
        String lead = unit("评议核验单位");
        String task = SlipFixtures.task(lead, null);
        String other = SlipFixtures.task(lead, null);
        Evaluator a = fixtures().evaluator("NPC_DEPUTY", null);
        Evaluator b = fixtures().evaluator("CPPCC_MEMBER", null);
        String round = fixtures().round("SCORING", 2, task, other);
        fixtures().panel(round, task, a, b);
        fixtures().panel(round, other, a, b);
        cast(a, flat(task, 90, "SATISFIED"), round);
        cast(b, flat(task, 70, "BASICALLY_SATISFIED"), round);
        cast(a, flat(other, 60, "SATISFIED"), round);
        cast(b, flat(other, 62, "SATISFIED"), round);
        as("AUDITOR").post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(409);
        moves.move(round, "CLOSE");
        as("AUDITOR").post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(200)
                .body("verified", equalTo(true)).body("findings", hasSize(0));
        // Computing again gives the same results and digest.
        String digest = as("OFFICE").get(results(round)).then().statusCode(200).extract().path("digest");

        // A ballot's stored overall score changed alone: its seal still holds, its scores no longer weigh to it.
        database.preparedQuery("UPDATE evaluation_ballot SET overall = overall + 1 WHERE round_id = $1 AND task_id = $2 AND evaluator_id = $3")
                .execute(Tuple.of(UUID.fromString(round), UUID.fromString(other), UUID.fromString(a.id()))).await().indefinitely();
        as("AUDITOR").post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(200)
                .body("verified", equalTo(false)).body("findings.kind", equalTo(List.of("SEAL_MISMATCH")))
                .body("findings.taskId", equalTo(List.of(other)));
        database.preparedQuery("UPDATE evaluation_ballot SET overall = overall - 1 WHERE round_id = $1 AND task_id = $2 AND evaluator_id = $3")
                .execute(Tuple.of(UUID.fromString(round), UUID.fromString(other), UUID.fromString(a.id()))).await().indefinitely();

        // Someone with database access raises one score of one ballot.
        database.preparedQuery("""
                UPDATE evaluation_ballot SET scores = jsonb_set(scores, '{PROGRESS}', '100')
                WHERE round_id = $1 AND task_id = $2 AND evaluator_id = $3""")
                .execute(Tuple.of(UUID.fromString(round), UUID.fromString(task), UUID.fromString(b.id()))).await().indefinitely();
        JsonPath found = as("AUDITOR").post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(200)
                .body("verified", equalTo(false)).extract().jsonPath();
        assertThat(found.getList("findings.kind")).contains("SEAL_MISMATCH", "RESULT_MISMATCH");
        assertThat(found.getList("findings.taskId")).containsOnly(task);
        assertThat(found.getString("digest")).isEqualTo(digest);
        assertThat(found.prettify()).doesNotContain(b.id()).doesNotContain(a.id());

        // A ballot removed altogether: the digest over the seals no longer matches either.
        database.preparedQuery("DELETE FROM evaluation_ballot WHERE round_id = $1 AND task_id = $2 AND evaluator_id = $3")
                .execute(Tuple.of(UUID.fromString(round), UUID.fromString(other), UUID.fromString(a.id()))).await().indefinitely();
        JsonPath removed = as("OFFICE").post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(200)
                .body("verified", equalTo(false)).extract().jsonPath();
        assertThat(removed.getList("findings.kind")).contains("DIGEST_MISMATCH", "RESULT_MISMATCH");
        assertThat(database.preparedQuery("SELECT count(*) FROM audit_event WHERE action = 'EVALUATION_RESULTS_VERIFIED' AND object_id = $1")
                .execute(Tuple.of(round)).await().indefinitely().iterator().next().getLong(0)).isEqualTo(4);
    }

    @Test
    void r14_publishing_appends_one_result_event_per_subject_for_its_lead_and_cooperating_units() {
        String lead = unit("评议公布单位");
        String task = SlipFixtures.task(lead, null);
        String helper = unit("评议协办单位");
        database.preparedQuery("INSERT INTO key_task_cooperation (task_id, unit_id, responsibility, list_order) VALUES ($1, $2, '配合', 0)")
                .execute(Tuple.of(UUID.fromString(task), UUID.fromString(helper))).await().indefinitely();
        String unrated = SlipFixtures.task(lead, null);
        Evaluator a = fixtures().evaluator("NPC_DEPUTY", null);
        String round = fixtures().round("SCORING", 1, task, unrated);
        fixtures().panel(round, task, a);
        fixtures().panel(round, unrated, a);
        cast(a, flat(task, 88, "SATISFIED"), round);
        moves.move(round, "CLOSE");
        assertThat(events(task)).isZero();
        asUnit("UNIT_LIAISON", helper).get(results(round)).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].taskId", equalTo(task));
        moves.move(round, "PUBLISH");
        as("LEADER").get(results(round)).then().statusCode(200).body("status", equalTo("PUBLISHED"));

        Row event = database.preparedQuery("""
                SELECT payload::text AS payload, cast(unit_ids AS text[]) AS units, period FROM domain_event
                WHERE type = 'evaluation.result_published' AND object_id = $1""")
                .execute(Tuple.of(task)).await().indefinitely().iterator().next();
        JsonPath payload = JsonPath.from(event.getString("payload"));
        assertThat(payload.getString("roundId")).isEqualTo(round);
        assertThat(payload.getString("taskId")).isEqualTo(task);
        assertThat(number(payload.get("score"))).isEqualByComparingTo("88");
        assertThat(payload.getInt("rank")).isEqualTo(1);
        assertThat(payload.getBoolean("rated")).isTrue();
        assertThat(event.getArrayOfStrings("units")).containsExactly(lead, helper);
        assertThat(event.getString("period")).isEqualTo(payload.getString("period"));
        Row none = database.preparedQuery("SELECT payload::text AS payload FROM domain_event WHERE type = 'evaluation.result_published' AND object_id = $1")
                .execute(Tuple.of(unrated)).await().indefinitely().iterator().next();
        assertThat(JsonPath.from(none.getString("payload")).getBoolean("rated")).isFalse();
        assertThat(JsonPath.from(none.getString("payload")).<Object>get("score")).isNull();
        by(a).get(ballots(round)).then().statusCode(200).body("items[0].satisfaction", equalTo("SATISFIED"))
                .body("items[0].comment", nullValue());
    }

    private long events(String taskId) {
        return database.preparedQuery("SELECT count(*) FROM domain_event WHERE type = 'evaluation.result_published' AND object_id = $1")
                .execute(Tuple.of(taskId)).await().indefinitely().iterator().next().getLong(0);
    }

    private static void cast(Evaluator evaluator, Map<String, Object> ballot, String round) {
        by(evaluator).body(ballot).post(ballots(round)).then().statusCode(201);
    }
}
