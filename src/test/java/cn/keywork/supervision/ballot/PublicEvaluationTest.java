package cn.keywork.supervision.ballot;

import static cn.keywork.supervision.ballot.BallotTest.ballots;
import static cn.keywork.supervision.ballot.BallotTest.by;
import static cn.keywork.supervision.ballot.BallotTest.flat;
import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.OffsetDateTime;
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
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R14, R15: the published results for everyone, with the public inquiries, and no person's data. */
@QuarkusTest
class PublicEvaluationTest {

    @Inject
    Pool database;

    @Inject
    RoundMoves moves;

    private EvaluationFixtures fixtures() {
        return new EvaluationFixtures(database);
    }

    private String period(String round) {
        return database.preparedQuery("SELECT trim(period) FROM evaluation_round WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(round))).await().indefinitely().iterator().next().getString(0);
    }

    private String name(Evaluator evaluator) {
        return database.preparedQuery("SELECT name FROM evaluator WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(evaluator.id()))).await().indefinitely().iterator().next().getString(0);
    }

    private void contact(Evaluator evaluator, String mobile, String email, boolean namePublic) {
        database.preparedQuery("UPDATE evaluator SET mobile = $2, email = $3, name_public = $4 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(evaluator.id()), mobile, email, namePublic)).await().indefinitely();
    }

    private void inquiry(String round, String task, String unit, Evaluator evaluator, String question, String answer,
            boolean published) {
        OffsetDateTime asked = OffsetDateTime.now().minusDays(3);
        database.preparedQuery("""
                INSERT INTO evaluation_inquiry (id, round_id, task_id, unit_id, evaluator_id, question, asked_at, answer_due,
                    answer, answered_by, answered_at, verdict, judged_at, public, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, $10, $11, $12, $13, 1, $7, $7)""")
                .execute(Tuple.tuple().addUUID(UUID.randomUUID()).addUUID(UUID.fromString(round)).addUUID(UUID.fromString(task))
                        .addUUID(UUID.fromString(unit)).addUUID(UUID.fromString(evaluator.id())).addString(question)
                        .addValue(asked).addValue(asked.plusDays(5)).addString(answer)
                        .addValue(answer == null ? null : asked.plusDays(1)).addString(answer == null ? null : "SATISFACTORY")
                        .addValue(answer == null ? null : asked.plusDays(2)).addBoolean(published))
                .await().indefinitely();
    }

    @Test
    void r15_published_results_show_scores_and_public_inquiries_and_no_person_data() {
        String lead = Units.registerId(uniqueCode("EVP"), "公开评议牵头单位");
        String task = SlipFixtures.task(lead, null);
        Evaluator deputy = fixtures().evaluator("NPC_DEPUTY", null);
        Evaluator member = fixtures().evaluator("CPPCC_MEMBER", null);
        contact(deputy, "13912345678", "deputy-private@example.cn", false);
        contact(member, "13887654321", "member-private@example.cn", true);
        String round = fixtures().round("SCORING", 2, task);
        fixtures().panel(round, task, deputy, member);
        by(deputy).body(flat(task, 86, "SATISFIED")).post(ballots(round)).then().statusCode(201);
        by(member).body(flat(task, 90, "BASICALLY_SATISFIED")).post(ballots(round)).then().statusCode(201);
        inquiry(round, task, lead, deputy, "二期管网何时完工？", "计划明年三月底前完工。", true);
        inquiry(round, task, lead, member, "资金缺口如何解决？", null, true);
        inquiry(round, task, lead, deputy, "内部质询不公开", "内部答复", false);
        String period = period(round);

        moves.move(round, "CLOSE");
        anonymous().get("/api/v1/public/evaluations/" + period).then().statusCode(404);
        moves.move(round, "PUBLISH");

        anonymous().get("/api/v1/public/evaluations").then().statusCode(200).header("Cache-Control", startsWith("public"))
                .body("items.find { it.period == '" + period + "' }.subjects", equalTo(1));
        Response published = anonymous().get("/api/v1/public/evaluations/" + period).then().statusCode(200)
                .header("ETag", notNullValue()).header("Cache-Control", startsWith("public"))
                .body("subjects", hasSize(1)).body("subjects[0].score", equalTo(88.0f)).body("subjects[0].rank", equalTo(1))
                .body("subjects[0].ballots", equalTo(2)).body("subjects[0].rated", equalTo(true))
                .body("subjects[0].satisfactionRate", equalTo(1.0f)).body("subjects[0].leadUnit", equalTo("公开评议牵头单位"))
                .body("subjects[0].inquiries", hasSize(2)).extract().response();
        JsonPath body = published.jsonPath();
        List<Map<String, Object>> inquiries = body.getList("subjects[0].inquiries");
        assertThat(inquiries).anySatisfy(inquiry -> assertThat(inquiry).containsEntry("askedBy", "人大代表")
                .containsEntry("evaluatorKind", "NPC_DEPUTY").containsEntry("answer", "计划明年三月底前完工。")
                .containsEntry("verdict", "SATISFACTORY"));
        assertThat(inquiries).anySatisfy(inquiry -> assertThat(inquiry).containsEntry("askedBy", name(member))
                .containsEntry("question", "资金缺口如何解决？").doesNotContainKey("answer"));

        // Scan: nothing of the non-public inquiry, no evaluator's name unless they agreed, no account, contact or id.
        String text = published.asString();
        assertThat(text).doesNotContain("内部质询不公开").doesNotContain(name(deputy)).doesNotContain(deputy.username())
                .doesNotContain(member.username()).doesNotContain("13912345678").doesNotContain("13887654321")
                .doesNotContain("@example.cn").doesNotContain(deputy.id()).doesNotContain(member.id())
                .doesNotContain(deputy.userId()).doesNotContain(member.userId()).doesNotContain("mobile").doesNotContain("email");
        assertThat(text).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

        // A client holding the current copy is answered 304 without a body.
        String etag = published.header("ETag");
        anonymous().header("If-None-Match", etag).get("/api/v1/public/evaluations/" + period).then().statusCode(304)
                .header("ETag", etag);
        String listTag = anonymous().get("/api/v1/public/evaluations").then().statusCode(200).extract().header("ETag");
        anonymous().header("If-None-Match", listTag).get("/api/v1/public/evaluations").then().statusCode(304);
    }

    @Test
    void r15_a_quarter_without_a_published_round_answers_404() {
        String task = SlipFixtures.task(Units.registerId(uniqueCode("EVP"), "未公布评议单位"), null);
        String round = fixtures().round("CLOSED", 1, task);
        anonymous().get("/api/v1/public/evaluations/" + period(round)).then().statusCode(404);
        anonymous().get("/api/v1/public/evaluations/1999-Q1").then().statusCode(404);
    }
}
