package cn.keywork.supervision.evaluation;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.PublishedLedgers;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A quarter's public evaluation run end to end through the API (R14, R15): evaluators appointed,
 * a round prepared with its panel, the unit's open report, an inquiry answered and judged, secret
 * ballots cast, results computed, verified and published; the public reads them and leaves an
 * opinion that appears once the office approves it.
 */
@QuarkusTest
class PublicEvaluationWalkTest {

    private static final int YEAR = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
    private static final String[] KINDS = {"NPC_DEPUTY", "CPPCC_MEMBER", "SPECIAL_SUPERVISOR", "PUBLIC_REPRESENTATIVE",
        "SPECIAL_SUPERVISOR"};

    @Inject
    Pool database;

    private record Appointed(String id, String username, String token) {
    }

    @Test
    void r14_r15_the_office_runs_a_round_end_to_end_and_the_public_reads_its_results_and_leaves_an_opinion() {
        PublishedLedgers ledgers = new PublishedLedgers(database);
        PublishedLedgers.Task task = ledgers.task(YEAR, "公开评议全程任务");
        ledgers.freeze("2404-0" + (1 + new java.util.Random().nextInt(9)), true, List.of(task), List.of(UUID.randomUUID()),
                List.of("GREEN"));

        List<Appointed> panel = new ArrayList<>();
        for (String kind : KINDS) {
            String username = "t-walk-" + UUID.randomUUID().toString().substring(0, 8);
            String id = as("OFFICE").body(Map.of("kind", kind, "name", "评议员" + username.substring(7), "affiliation", "社会各界",
                    "expertise", List.of("OTHER"), "termFrom", YEAR - 1 + "-01-01", "termTo", YEAR + 2 + "-12-31",
                    "username", username, "initialPassword", TestAccounts.INITIAL_PASSWORD))
                    .post("/api/v1/evaluators").then().statusCode(201).body("username", equalTo(username)).extract().path("id");
            panel.add(new Appointed(id, username, TestAccounts.activate(username)));
        }

        String quarter = EvaluationFixtures.freshQuarter();
        String round = as("OFFICE").body(Map.of("period", quarter, "title", quarter + " 重点工作公开评议",
                "subjects", List.of(Map.of("taskId", task.id())), "minPanel", 5))
                .post("/api/v1/evaluation-rounds").then().statusCode(201).extract().path("id");
        String path = "/api/v1/evaluation-rounds/" + round;
        as("OFFICE").body(Map.of("taskId", task.id(), "evaluatorIds", panel.stream().map(Appointed::id).toList()))
                .put(path + "/panels").then().statusCode(200);

        move(path, "OPEN_REPORTING");
        asUnit("UNIT_LIAISON", task.leadUnit()).body(Map.of("text", "本季度完成投资八成，进度总体正常。", "attachmentIds", List.of()))
                .put(path + "/reports/" + task.id()).then().statusCode(200);

        move(path, "OPEN_INQUIRY");
        String inquiry = by(panel.get(0)).body(Map.of("taskId", task.id(), "question", "下一季度如何保证按期完成？"))
                .post(path + "/inquiries").then().statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", task.leadUnit()).body(Map.of("answer", "已倒排工期，每周调度。"))
                .post(path + "/inquiries/" + inquiry + "/answer").then().statusCode(200);
        by(panel.get(0)).body(Map.of("satisfactory", true)).post(path + "/inquiries/" + inquiry + "/verdict")
                .then().statusCode(200);

        move(path, "OPEN_SCORING");
        int[] overall = {90, 80, 70, 60, 85};
        for (int i = 0; i < panel.size(); i++) {
            int score = overall[i];
            by(panel.get(i)).body(Map.of("taskId", task.id(), "scores", Map.of("PROGRESS", score, "EFFECT", score,
                    "PROBLEMS", score, "RESPONSE", score), "satisfaction", i == 3 ? "DISSATISFIED" : "SATISFIED"))
                    .post(path + "/ballots").then().statusCode(201);
        }

        move(path, "CLOSE");
        // five ballots: the highest (90) and the lowest (60) dropped, the mean of 80, 70 and 85
        as("ASSESSMENT").get(path + "/results").then().statusCode(200)
                .body("items[0].taskId", equalTo(task.id())).body("items[0].score", equalTo(78.33f))
                .body("items[0].satisfactionRate", equalTo(0.8f)).body("items[0].rank", equalTo(1))
                .body("items[0].ballots", equalTo(5)).body("items[0].rated", equalTo(true));
        as("AUDITOR").post(path + "/verification").then().statusCode(200).body("verified", equalTo(true));

        move(path, "PUBLISH");
        String published = anonymous().get("/api/v1/public/evaluations/" + quarter).then().statusCode(200)
                .body("subjects[0].taskCode", equalTo(task.code())).body("subjects[0].score", equalTo(78.33f))
                .extract().asString();
        for (Appointed evaluator : panel) {
            assertFalse(published.contains(evaluator.username()) || published.contains(evaluator.id()),
                    "the public results name an evaluator");
        }
        anonymous().get("/api/v1/public/evaluations").then().statusCode(200).body("items.period", hasItem(quarter));

        String opinions = "/api/v1/public/tasks/" + task.code() + "/opinions";
        String opinion = anonymous().body(Map.of("text", "建议公开每月进度照片", "contact", "13800001234"))
                .post(opinions).then().statusCode(202).extract().path("id");
        anonymous().get(opinions).then().statusCode(200).body("items.id", not(hasItem(opinion)));
        as("OFFICE").body(Map.of("decision", "APPROVE", "reply", "已请承办单位每月上传。"))
                .post("/api/v1/opinions/" + opinion + "/moderation").then().statusCode(200);
        anonymous().get(opinions).then().statusCode(200).body("items.id", hasItem(opinion))
                .body("items[0].reply", notNullValue());
    }

    private static void move(String path, String action) {
        String etag = as("OFFICE").get(path).then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", action)).post(path + "/transitions")
                .then().statusCode(200);
    }

    private static RequestSpecification by(Appointed evaluator) {
        return Api.anonymous().auth().oauth2(evaluator.token());
    }
}
