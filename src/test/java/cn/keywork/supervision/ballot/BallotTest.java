package cn.keywork.supervision.ballot;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.EvaluationFixtures.Evaluator;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R14: secret ballots — cast, replaced and read back by their evaluator only, during SCORING only. */
@QuarkusTest
class BallotTest {

    @Inject
    Pool database;

    @Inject
    RoundMoves moves;

    private EvaluationFixtures fixtures() {
        return new EvaluationFixtures(database);
    }

    static RequestSpecification by(Evaluator evaluator) {
        return Api.anonymous().auth().oauth2(evaluator.token());
    }

    static RequestSpecification invalidBy(Evaluator evaluator) {
        return Api.deliberatelyInvalidAnonymous().auth().oauth2(evaluator.token()).contentType(ContentType.JSON);
    }

    /** A ballot scoring the four default criteria (weights 40, 30, 20, 10). */
    static Map<String, Object> ballot(String taskId, Number progress, Number effect, Number problems, Number response,
            String satisfaction) {
        Map<String, Object> ballot = new HashMap<>();
        ballot.put("taskId", taskId);
        ballot.put("scores", Map.of("PROGRESS", progress, "EFFECT", effect, "PROBLEMS", problems, "RESPONSE", response));
        ballot.put("satisfaction", satisfaction);
        return ballot;
    }

    /** A ballot giving every criterion {@code score}: its overall score is {@code score}. */
    static Map<String, Object> flat(String taskId, Number score, String satisfaction) {
        return ballot(taskId, score, score, score, score, satisfaction);
    }

    static String ballots(String roundId) {
        return "/api/v1/evaluation-rounds/" + roundId + "/ballots";
    }

    private static String unit() {
        return Units.registerId(uniqueCode("EVB"), "评议对象牵头单位");
    }

    @Test
    void r14_an_evaluator_casts_replaces_and_reads_back_their_own_ballot() {
        String lead = unit();
        String task = SlipFixtures.task(lead, null);
        Evaluator evaluator = fixtures().evaluator("NPC_DEPUTY", null);
        String round = fixtures().round("SCORING", 1, task);
        fixtures().panel(round, task, evaluator);

        Map<String, Object> first = ballot(task, 90, 80, 70, 60, "SATISFIED");
        first.put("comment", "推进有力");
        Response cast = by(evaluator).body(first).post(ballots(round)).then().statusCode(201)
                .header("Location", notNullValue()).header("ETag", "\"1\"")
                .body("overall", equalTo(80)).body("scores.PROGRESS", equalTo(90)).body("comment", equalTo("推进有力"))
                .extract().response();
        String id = cast.path("id");
        String seal = cast.path("seal");

        // Casting again on the same subject replaces the ballot: same id, version one up, a new seal.
        Response again = by(evaluator).body(flat(task, 85.5, "BASICALLY_SATISFIED")).post(ballots(round)).then().statusCode(200)
                .body("id", equalTo(id)).body("version", equalTo(2)).body("overall", equalTo(85.5f)).extract().response();
        assertThat((String) again.path("seal")).isNotEqualTo(seal);

        by(evaluator).get(ballots(round)).then().statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("items[0].satisfaction", equalTo("BASICALLY_SATISFIED"));
        String etag = by(evaluator).get(ballots(round) + "/" + id).then().statusCode(200).header("ETag", "\"2\"").extract()
                .header("ETag");
        by(evaluator).header("If-Match", "\"1\"").body(flat(task, 70, "DISSATISFIED")).put(ballots(round) + "/" + id).then()
                .statusCode(412);
        by(evaluator).header("If-Match", etag).body(flat(task, 70, "DISSATISFIED")).put(ballots(round) + "/" + id).then()
                .statusCode(200).body("overall", equalTo(70)).body("version", equalTo(3));
        assertThat(count("SELECT count(*) FROM evaluation_ballot WHERE round_id = $1", round)).isEqualTo(1);
    }

    @Test
    void r14_an_evaluator_reading_or_replacing_another_evaluator_s_ballot_gets_404() {
        String task = SlipFixtures.task(unit(), null);
        Evaluator alice = fixtures().evaluator("CPPCC_MEMBER", null);
        Evaluator bob = fixtures().evaluator("SPECIAL_SUPERVISOR", null);
        String round = fixtures().round("SCORING", 2, task);
        fixtures().panel(round, task, alice, bob);
        String aliceBallot = by(alice).body(flat(task, 88, "SATISFIED")).post(ballots(round)).then().statusCode(201)
                .extract().path("id");

        by(bob).get(ballots(round) + "/" + aliceBallot).then().statusCode(404);
        by(bob).header("If-Match", "\"1\"").body(flat(task, 10, "DISSATISFIED")).put(ballots(round) + "/" + aliceBallot).then()
                .statusCode(404);
        by(bob).get(ballots(round)).then().statusCode(200).body("items", hasSize(0));
        // Bob casting on the same subject makes his own ballot; Alice's is untouched.
        by(bob).body(flat(task, 10, "DISSATISFIED")).post(ballots(round)).then().statusCode(201);
        by(alice).get(ballots(round) + "/" + aliceBallot).then().statusCode(200).body("overall", equalTo(88))
                .body("version", equalTo(1));
    }

    @Test
    void r14_a_subject_whose_panel_the_evaluator_is_not_on_answers_404_as_an_unknown_one() {
        String mine = SlipFixtures.task(unit(), null);
        String other = SlipFixtures.task(unit(), null);
        Evaluator member = fixtures().evaluator("NPC_DEPUTY", null);
        Evaluator outsider = fixtures().evaluator("NPC_DEPUTY", null);
        String round = fixtures().round("SCORING", 1, mine, other);
        fixtures().panel(round, mine, member);
        fixtures().panel(round, other, outsider);

        by(member).body(flat(other, 80, "SATISFIED")).post(ballots(round)).then().statusCode(404)
                .body("detail", org.hamcrest.Matchers.containsString(other));
        by(member).body(flat(UUID.randomUUID().toString(), 80, "SATISFIED")).post(ballots(round)).then().statusCode(404);
        by(member).body(flat(mine, 80, "SATISFIED")).post("/api/v1/evaluation-rounds/" + UUID.randomUUID() + "/ballots")
                .then().statusCode(404);
    }

    @Test
    void r14_every_criterion_is_scored_0_to_100_and_no_unknown_code_is_taken() {
        String task = SlipFixtures.task(unit(), null);
        Evaluator evaluator = fixtures().evaluator("PUBLIC_REPRESENTATIVE", null);
        String round = fixtures().round("SCORING", 1, task);
        fixtures().panel(round, task, evaluator);

        Map<String, Object> missing = flat(task, 80, "SATISFIED");
        missing.put("scores", Map.of("PROGRESS", 80, "EFFECT", 80, "PROBLEMS", 80));
        by(evaluator).body(missing).post(ballots(round)).then().statusCode(400).body("errors.field", hasItem("scores.RESPONSE"));
        Map<String, Object> unknown = flat(task, 80, "SATISFIED");
        unknown.put("scores", Map.of("PROGRESS", 80, "EFFECT", 80, "PROBLEMS", 80, "RESPONSE", 80, "BEAUTY", 90));
        by(evaluator).body(unknown).post(ballots(round)).then().statusCode(400).body("errors.field", hasItem("scores.BEAUTY"));
        invalidBy(evaluator).body(flat(task, 100.5, "SATISFIED")).post(ballots(round)).then().statusCode(400);
        invalidBy(evaluator).body(flat(task, -1, "SATISFIED")).post(ballots(round)).then().statusCode(400);
        by(evaluator).body(flat(task, 80.125, "SATISFIED")).post(ballots(round)).then().statusCode(400)
                .body("errors.field", hasItem("scores.PROGRESS"));
        assertThat(count("SELECT count(*) FROM evaluation_ballot WHERE round_id = $1", round)).isZero();
    }

    @Test
    void r14_ballots_are_cast_and_changed_during_scoring_only() {
        String task = SlipFixtures.task(unit(), null);
        Evaluator evaluator = fixtures().evaluator("NPC_DEPUTY", null);
        String early = fixtures().round("INQUIRY", 1, task);
        fixtures().panel(early, task, evaluator);
        by(evaluator).body(flat(task, 80, "SATISFIED")).post(ballots(early)).then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("SCORING"));

        String round = fixtures().round("SCORING", 1, task);
        fixtures().panel(round, task, evaluator);
        String id = by(evaluator).body(flat(task, 80, "SATISFIED")).post(ballots(round)).then().statusCode(201).extract().path("id");
        moves.move(round, "CLOSE");
        by(evaluator).body(flat(task, 90, "SATISFIED")).post(ballots(round)).then().statusCode(409);
        by(evaluator).header("If-Match", "\"1\"").body(flat(task, 90, "SATISFIED")).put(ballots(round) + "/" + id).then()
                .statusCode(409);
        // Still readable by its evaluator, unchanged.
        by(evaluator).get(ballots(round) + "/" + id).then().statusCode(200).body("overall", equalTo(80));
    }

    @Test
    void r14_secret_ballot_no_role_reads_which_evaluator_gave_which_score() {
        String lead = unit();
        String task = SlipFixtures.task(lead, null);
        Evaluator alice = fixtures().evaluator("NPC_DEPUTY", null);
        Evaluator bob = fixtures().evaluator("CPPCC_MEMBER", null);
        String round = fixtures().round("SCORING", 2, task);
        fixtures().panel(round, task, alice, bob);
        Response aliceBallot = by(alice).body(ballot(task, 91.25, 83, 77, 69, "SATISFIED")).post(ballots(round)).then()
                .statusCode(201).extract().response();
        Response bobBallot = by(bob).body(ballot(task, 52.75, 48, 44, 39, "DISSATISFIED")).post(ballots(round)).then()
                .statusCode(201).extract().response();
        List<String> secrets = List.of(alice.id(), bob.id(), alice.username(), bob.username(), alice.userId(), bob.userId(),
                aliceBallot.path("id"), bobBallot.path("id"), aliceBallot.path("seal"), bobBallot.path("seal"), "91.25", "52.75");

        // No role but EVALUATOR reaches the ballots at all; an evaluator only their own.
        List<RequestSpecification> others = List.of(as("OFFICE"), as("ASSESSMENT"), as("ADMIN"), as("AUDITOR"), as("LEADER"),
                as("LEADING_GROUP"), asUnit("UNIT_LIAISON", lead), asUnit("UNIT_HEAD", lead));
        for (RequestSpecification other : others) {
            other.get(ballots(round)).then().statusCode(403);
        }
        for (String role : List.of("OFFICE", "ASSESSMENT", "ADMIN", "AUDITOR", "LEADER")) {
            as(role).get(ballots(round) + "/" + aliceBallot.path("id")).then().statusCode(403);
        }
        by(bob).get(ballots(round)).then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(bobBallot.path("id")));

        // The audit trail says a ballot was cast on the subject, never what it says.
        String trail = as("AUDITOR").get("/api/v1/audit?objectId=" + round + "&size=100").then().statusCode(200).extract().asString();
        assertThat(trail).contains("BALLOT_CAST").contains(task).doesNotContain("PROGRESS").doesNotContain("91.25")
                .doesNotContain("SATISFIED").doesNotContain(aliceBallot.<String>path("seal"));
        assertThat(count("SELECT count(*) FROM domain_event WHERE payload::text LIKE '%' || $1 || '%'", alice.id())).isZero();

        // Results, for every role that reads them, and the verification carry no evaluator and no single ballot.
        moves.move(round, "CLOSE");
        List<RequestSpecification> readers = List.of(as("OFFICE"), as("ASSESSMENT"), as("AUDITOR"), as("LEADER"),
                asUnit("UNIT_LIAISON", lead), asUnit("UNIT_HEAD", lead));
        for (RequestSpecification reader : readers) {
            String body = reader.get("/api/v1/evaluation-rounds/" + round + "/results").then().statusCode(200)
                    .body("items[0].ballots", equalTo(2)).extract().asString();
            secrets.forEach(secret -> assertThat(body).doesNotContain(secret));
        }
        as("ADMIN").get("/api/v1/evaluation-rounds/" + round + "/results").then().statusCode(403);
        for (String role : List.of("AUDITOR", "OFFICE")) {
            String body = as(role).post("/api/v1/evaluation-rounds/" + round + "/verification").then().statusCode(200)
                    .body("verified", equalTo(true)).extract().asString();
            secrets.forEach(secret -> assertThat(body).doesNotContain(secret));
        }
        moves.move(round, "PUBLISH");
        String published = as("AUDITOR").get("/api/v1/audit?size=100").then().statusCode(200).extract().asString();
        assertThat(published).doesNotContain("91.25").doesNotContain("52.75");
        String events = database.preparedQuery("SELECT coalesce(string_agg(payload::text, ' '), '') FROM domain_event WHERE period = $1")
                .execute(Tuple.of(period(round))).await().indefinitely().iterator().next().getString(0);
        secrets.forEach(secret -> assertThat(events).doesNotContain(secret));
    }

    private String period(String round) {
        return database.preparedQuery("SELECT trim(period) FROM evaluation_round WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(round))).await().indefinitely().iterator().next().getString(0);
    }

    private long count(String sql, String id) {
        Object value = sql.contains("LIKE") ? id : UUID.fromString(id);
        return database.preparedQuery(sql).execute(Tuple.of(value)).await().indefinitely().iterator().next().getLong(0);
    }
}
