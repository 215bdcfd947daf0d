package cn.keywork.supervision.evaluation;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.evaluation.service.RoundCloseScan;
import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.EvaluationFixtures.Evaluator;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The quarterly public-evaluation rounds (R14): preparation, panels, phases, open reports, hearings and the cycle's hooks. */
@QuarkusTest
class EvaluationRoundTest {

    private static final String ROUNDS = "/api/v1/evaluation-rounds";

    @Inject
    Pool database;

    @Inject
    RoundCloseScan closeScan;

    private record Task(String id, String lead, String partner) {
    }

    /** A task of this year (ACTIVE) with its own lead and cooperating unit. */
    private static Task task(String prefix) {
        String lead = Units.registerId(uniqueCode(prefix + "L"), "评议牵头单位");
        String partner = Units.registerId(uniqueCode(prefix + "P"), "评议配合单位");
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        Map<String, Object> task = new HashMap<>(Map.of("year", year, "category", "KEY_PROJECT", "title", "公开评议测试任务",
                "target", "目标", "content", "内容", "deadline", year + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String id = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        return new Task(id, lead, partner);
    }

    private EvaluationFixtures fixtures() {
        return new EvaluationFixtures(database);
    }

    private static Response create(String period, int minPanel, String... taskIds) {
        return as("OFFICE").body(Map.of("period", period, "title", period + " 公开评议", "minPanel", minPanel,
                "subjects", java.util.Arrays.stream(taskIds).map(id -> Map.of("taskId", id)).toList()))
                .post(ROUNDS).then().statusCode(201).extract().response();
    }

    private static Response move(String roundId, String etag, String action) {
        return as("OFFICE").header("If-Match", etag).body(Map.of("action", action))
                .post(ROUNDS + "/" + roundId + "/transitions");
    }

    private static String etag(String roundId) {
        return as("OFFICE").get(ROUNDS + "/" + roundId).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void r14_a_round_is_prepared_with_the_default_criteria_and_opening_it_freezes_them() {
        Task task = task("RA");
        String period = EvaluationFixtures.freshQuarter();
        Response created = as("ASSESSMENT").body(Map.of("period", period, "title", "公开评议",
                "subjects", List.of(Map.of("taskId", task.id())))).post(ROUNDS).then().statusCode(201)
                .body("status", equalTo("DRAFT")).body("criteria", hasSize(4)).body("criteria[0].code", equalTo("PROGRESS"))
                .body("criteria[0].weight", equalTo(40)).body("minPanel", equalTo(5)).body("trimAt", equalTo(5))
                .body("quorum", equalTo(0.667f)).extract().response();
        String id = created.path("id");
        as("OFFICE").body(Map.of("period", period, "title", "再来一次")).post(ROUNDS).then().statusCode(409);
        anonymous().auth().oauth2(cn.keywork.supervision.support.TestAccounts.token("OFFICE"))
                .body(Map.of("period", "2026-Q5", "title", "x")).post(ROUNDS).then().statusCode(400);
        // Weights must sum to 100.
        as("OFFICE").header("If-Match", created.header("ETag"))
                .body(Map.of("criteria", List.of(Map.of("code", "PROGRESS", "name", "进展", "weight", 60))))
                .patch(ROUNDS + "/" + id).then().statusCode(400);
        String etag = as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("criteria", List.of(
                Map.of("code", "PROGRESS", "name", "进展", "weight", 60), Map.of("code", "EFFECT", "name", "成效", "weight", 40))))
                .patch(ROUNDS + "/" + id).then().statusCode(200).body("criteria", hasSize(2)).extract().header("ETag");
        etag = move(id, etag, "OPEN_REPORTING").then().statusCode(200).body("status", equalTo("REPORTING"))
                .body("criteriaVersion", equalTo(1)).body("criteriaFrozenAt", notNullValue()).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("criteria", List.of(Map.of("code", "PROGRESS", "name", "进展",
                "weight", 100)))).patch(ROUNDS + "/" + id).then().statusCode(409);
        as("OFFICE").header("If-Match", etag).body(Map.of("minPanel", 3)).patch(ROUNDS + "/" + id).then().statusCode(409);
        // Deadlines may still change.
        as("OFFICE").header("If-Match", etag).body(Map.of("scoringUntil", "2099-01-20T18:00:00+08:00"))
                .patch(ROUNDS + "/" + id).then().statusCode(200);
        assertThat(count("SELECT count(*) FROM domain_event WHERE type = 'evaluation.round_moved' AND object_id = $1", id))
                .isEqualTo(1);
    }

    @Test
    void r14_a_move_from_the_wrong_phase_is_refused_with_409() {
        Task task = task("RB");
        Response created = create(EvaluationFixtures.freshQuarter(), 1, task.id());
        move(created.path("id"), created.header("ETag"), "CLOSE").then().statusCode(409)
                .body("detail", containsString("DRAFT"));
        move(created.path("id"), created.header("ETag"), "PUBLISH").then().statusCode(409);
        String empty = create(EvaluationFixtures.freshQuarter(), 1).path("id");
        move(empty, etag(empty), "OPEN_REPORTING").then().statusCode(409);
    }

    @Test
    void r14_an_evaluator_of_the_lead_or_of_a_cooperating_unit_is_never_on_the_panel() {
        Task task = task("RC");
        String id = create(EvaluationFixtures.freshQuarter(), 1, task.id()).path("id");
        Evaluator ofLead = fixtures().evaluator("NPC_DEPUTY", task.lead());
        Evaluator ofPartner = fixtures().evaluator("CPPCC_MEMBER", task.partner());
        Evaluator free = fixtures().evaluator("SPECIAL_SUPERVISOR", null);
        String panels = ROUNDS + "/" + id + "/panels";
        as("OFFICE").body(Map.of("taskId", task.id(), "evaluatorIds", List.of(free.id(), ofLead.id()))).put(panels).then()
                .statusCode(409).body("detail", containsString(ofLead.id())).body("detail", containsString("评议牵头单位"));
        as("ASSESSMENT").body(Map.of("taskId", task.id(), "evaluatorIds", List.of(ofPartner.id()))).put(panels).then()
                .statusCode(409).body("detail", containsString(ofPartner.id())).body("detail", containsString("评议配合单位"));
        as("OFFICE").body(Map.of("taskId", task.id(), "evaluatorIds", List.of(free.id()))).put(panels).then()
                .statusCode(200);
        as("OFFICE").get(panels).then().statusCode(200).body("items[0].evaluatorIds", equalTo(List.of(free.id())));
        // The proposals never name them either.
        as("OFFICE").get(panels + "/proposals").then().statusCode(200)
                .body("items[0].evaluatorIds", not(hasItem(ofLead.id())))
                .body("items[0].evaluatorIds", not(hasItem(ofPartner.id())));
        // The evaluator sees the round and their own subject; another evaluator sees neither.
        anonymous().auth().oauth2(free.token()).get(panels).then().statusCode(200).body("items", hasSize(1));
        anonymous().auth().oauth2(free.token()).get(ROUNDS).then().statusCode(200).body("items.id", hasItem(id));
        anonymous().auth().oauth2(ofLead.token()).get(ROUNDS + "/" + id).then().statusCode(404);
    }

    @Test
    void r14_scoring_opens_only_when_every_panel_is_complete() {
        Task task = task("RD");
        Task other = task("RE");
        String id = create(EvaluationFixtures.freshQuarter(), 2, task.id(), other.id()).path("id");
        String etag = move(id, etag(id), "OPEN_REPORTING").then().statusCode(200).extract().header("ETag");
        etag = move(id, etag, "OPEN_INQUIRY").then().statusCode(200).extract().header("ETag");
        Evaluator a = fixtures().evaluator("NPC_DEPUTY", null);
        Evaluator b = fixtures().evaluator("PUBLIC_REPRESENTATIVE", null);
        fixtures().panel(id, task.id(), a, b);
        fixtures().panel(id, other.id(), a);
        String shortOne = as("OFFICE").get("/api/v1/tasks/" + other.id()).then().extract().path("code");
        String complete = as("OFFICE").get("/api/v1/tasks/" + task.id()).then().extract().path("code");
        move(id, etag, "OPEN_SCORING").then().statusCode(409).body("detail", containsString(shortOne))
                .body("detail", not(containsString(complete)));
        as("OFFICE").body(Map.of("taskId", other.id(), "evaluatorIds", List.of(a.id(), b.id())))
                .put(ROUNDS + "/" + id + "/panels").then().statusCode(200);
        etag = move(id, etag, "OPEN_SCORING").then().statusCode(200).body("status", equalTo("SCORING")).extract()
                .header("ETag");
        // Panels are fixed once scoring opened.
        as("OFFICE").body(Map.of("taskId", other.id(), "evaluatorIds", List.of(a.id())))
                .put(ROUNDS + "/" + id + "/panels").then().statusCode(409);
    }

    @Test
    void r14_a_unit_cannot_manage_rounds_and_submits_open_reports_only_for_its_own_subjects() {
        Task task = task("RF");
        Task other = task("RG");
        String id = create(EvaluationFixtures.freshQuarter(), 1, task.id(), other.id()).path("id");
        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("period", EvaluationFixtures.freshQuarter(), "title", "x"))
                .post(ROUNDS).then().statusCode(403);
        asUnit("UNIT_HEAD", task.lead()).header("If-Match", etag(id)).body(Map.of("action", "OPEN_REPORTING"))
                .post(ROUNDS + "/" + id + "/transitions").then().statusCode(403);
        String reports = ROUNDS + "/" + id + "/reports/";
        Map<String, Object> report = Map.of("text", "本季度完成管网改造12公里", "attachmentIds", List.of());
        // Not yet REPORTING.
        asUnit("UNIT_LIAISON", task.lead()).body(report).put(reports + task.id()).then().statusCode(409);
        move(id, etag(id), "OPEN_REPORTING").then().statusCode(200);
        asUnit("UNIT_LIAISON", task.lead()).body(report).put(reports + task.id()).then().statusCode(200)
                .body("unitId", equalTo(task.lead()));
        asUnit("UNIT_LIAISON", task.partner()).body(report).put(reports + task.id()).then().statusCode(200);
        // Another subject's unit: refused; a unit outside the round does not see it at all.
        asUnit("UNIT_LIAISON", other.lead()).body(report).put(reports + task.id()).then().statusCode(403);
        String stranger = Units.registerId(uniqueCode("RGX"), "无关单位");
        asUnit("UNIT_LIAISON", stranger).body(report).put(reports + task.id()).then().statusCode(404);
        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("text", "附件不属于本任务", "attachmentIds",
                List.of(UUID.randomUUID().toString()))).put(reports + task.id()).then().statusCode(400);
        asUnit("UNIT_LIAISON", other.lead()).get(ROUNDS + "/" + id + "/reports").then().statusCode(200)
                .body("items", hasSize(0));
        as("LEADER").get(ROUNDS + "/" + id + "/reports").then().statusCode(200).body("items", hasSize(2));
        // The office records a hearing of the subjects heard.
        as("OFFICE").body(Map.of("heldAt", "2026-12-28T09:30:00+08:00", "place", "市政府第一会议室",
                "participants", "人大代表5名", "taskIds", List.of(task.id()))).post(ROUNDS + "/" + id + "/hearings")
                .then().statusCode(201);
        asUnit("UNIT_LIAISON", task.lead()).get(ROUNDS + "/" + id + "/hearings").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].place", equalTo("市政府第一会议室"));
    }

    @Test
    void r14_the_quarterly_cycle_opens_the_quarter_s_round_once() {
        Task task = task("RH");
        int year = 1900 + ThreadLocalRandom.current().nextInt(99);
        String period = year + "-Q" + (1 + ThreadLocalRandom.current().nextInt(4));
        database.preparedQuery("UPDATE key_task SET year = $2 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(task.id()), year)).await().indefinitely();
        database.preparedQuery("DELETE FROM evaluation_round WHERE period = $1").execute(Tuple.of(period)).await()
                .indefinitely();
        String runs = "/api/v1/cycles/QUARTERLY/" + period + "/runs";
        as("OFFICE").post(runs + "?dryRun=true").then().statusCode(200);
        assertThat(count("SELECT count(*) FROM evaluation_round WHERE period = $1", period)).isZero();
        as("OFFICE").post(runs).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
        // A second run of the quarter (its record gone) finds the round open and leaves it.
        database.preparedQuery("DELETE FROM cycle_run WHERE type = 'QUARTERLY' AND period = $1").execute(Tuple.of(period))
                .await().indefinitely();
        as("OFFICE").post(runs).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("steps.find { it.number == 2 }.status", equalTo("SKIPPED"));
        assertThat(count("SELECT count(*) FROM evaluation_round WHERE period = $1", period)).isEqualTo(1);
        assertThat(text("SELECT status FROM evaluation_round WHERE period = $1", period)).isEqualTo("REPORTING");
        assertThat(count("""
                SELECT count(*) FROM evaluation_subject s JOIN evaluation_round r ON r.id = s.round_id
                WHERE r.period = $1 AND s.task_id = '""" + task.id() + "'", period)).isEqualTo(1);
    }

    @Test
    void r14_the_scan_closes_the_rounds_whose_scoring_deadline_has_passed() throws Throwable {
        String due = fixtures().round("SCORING", 1);
        String later = fixtures().round("SCORING", 1);
        database.preparedQuery("UPDATE evaluation_round SET scoring_until = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(due))).await().indefinitely();
        database.preparedQuery("UPDATE evaluation_round SET scoring_until = now() + interval '1 day' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(later))).await().indefinitely();
        int closed = VertxContextSupport.subscribeAndAwait(() -> closeScan.scan());
        assertThat(closed).isGreaterThanOrEqualTo(1);
        as("OFFICE").get(ROUNDS + "/" + due).then().statusCode(200).body("status", equalTo("CLOSED"))
                .body("closedAt", notNullValue());
        as("OFFICE").get(ROUNDS + "/" + later).then().statusCode(200).body("status", equalTo("SCORING"));
        assertThat(count("SELECT count(*) FROM domain_event WHERE type = 'evaluation.round_moved' AND object_id = $1", due))
                .isEqualTo(1);
    }

    private long count(String sql, String argument) {
        return database.preparedQuery(sql).execute(Tuple.of(argument)).await().indefinitely().iterator().next().getLong(0);
    }

    private String text(String sql, String argument) {
        return database.preparedQuery(sql).execute(Tuple.of(argument)).await().indefinitely().iterator().next().getString(0);
    }
}
