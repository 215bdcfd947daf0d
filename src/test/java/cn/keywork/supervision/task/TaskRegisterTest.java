package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** R1–R3: declaration, acceptance into the register with codes and limits, and the life cycle. */
@QuarkusTest
class TaskRegisterTest {

    private static final java.util.concurrent.atomic.AtomicInteger NEXT_YEAR =
            new java.util.concurrent.atomic.AtomicInteger(ThreadLocalRandom.current().nextInt(30));

    /**
     * Each test works in a year of its own, so limits and code numbers never meet another test's:
     * 2070–2099, years no other test registers tasks in (other tests use this year and 2030s).
     */
    private static int freshYear() {
        return 2070 + NEXT_YEAR.getAndIncrement() % 30;
    }

    private static Map<String, Object> task(int year, String category, String leadUnitId, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("year", year);
        body.put("category", category);
        body.put("title", title);
        body.put("target", "年底前完成" + title);
        body.put("content", "组织实施" + title);
        body.put("deadline", year + "-12-31");
        body.put("leadUnitId", leadUnitId);
        return body;
    }

    private static Response transition(String role, String unitId, String taskId, String action, String note) {
        Response current = api().get("/api/v1/tasks/" + taskId).then().extract().response();
        Map<String, Object> body = new HashMap<>(Map.of("action", action));
        if (note != null) {
            body.put("note", note);
        }
        var request = unitId == null ? as(role) : asUnit(role, unitId);
        return request.header("If-Match", current.header("ETag")).body(body).post("/api/v1/tasks/" + taskId + "/transitions")
                .then().extract().response();
    }

    @Test
    void r2_a_unit_declares_submits_and_the_office_accepts_into_the_register() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("LEAD"), "牵头单位");
        String taskId = asUnit("UNIT_LIAISON", lead).body(task(year, "KEY_PROJECT", lead, "城区污水管网改造工程"))
                .post("/api/v1/tasks").then().statusCode(201)
                .body("status", equalTo("DRAFT")).body("code", nullValue())
                .extract().path("id");

        transition("UNIT_LIAISON", lead, taskId, "SUBMIT", null).then().statusCode(200).body("status", equalTo("SUBMITTED"));
        transition("OFFICE", null, taskId, "RETURN", "请细化量化指标").then().statusCode(200)
                .body("status", equalTo("RETURNED")).body("statusNote", equalTo("请细化量化指标"));

        Response returned = asUnit("UNIT_HEAD", lead).get("/api/v1/tasks/" + taskId).then().extract().response();
        Map<String, Object> edited = task(year, "KEY_PROJECT", lead, "城区污水管网改造工程（细化）");
        asUnit("UNIT_HEAD", lead).header("If-Match", returned.header("ETag")).body(edited).put("/api/v1/tasks/" + taskId)
                .then().statusCode(200).body("title", equalTo("城区污水管网改造工程（细化）"));

        transition("UNIT_HEAD", lead, taskId, "SUBMIT", null).then().statusCode(200);
        transition("OFFICE", null, taskId, "ACCEPT", null).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("code", equalTo(year + "-GC-01"));
        transition("OFFICE", null, taskId, "COMPLETE", "已完成改造 52 公里").then().statusCode(200).body("status", equalTo("COMPLETED"));
        transition("OFFICE", null, taskId, "CLOSE", null).then().statusCode(200).body("status", equalTo("CLOSED"));

        as("AUDITOR").queryParam("objectId", taskId).queryParam("size", 50).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("TASK_ACCEPT"))
                .body("items.action", hasItem("TASK_DECLARED"));
    }

    @Test
    void r2_the_office_registers_meeting_decisions_directly_with_a_code() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("MTG"), "会议议定牵头单位");
        as("OFFICE").body(task(year, "MEETING_DECISION", lead, "市政府常务会议议定事项")).post("/api/v1/tasks")
                .then().statusCode(201).body("status", equalTo("ACTIVE")).body("code", equalTo(year + "-HY-01"));
    }

    @Test
    void r2_illegal_moves_answer_409_naming_the_status_and_the_allowed_moves() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("ILL"), "非法流转");
        String taskId = asUnit("UNIT_LIAISON", lead).body(task(year, "OTHER", lead, "非法流转测试"))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        transition("OFFICE", null, taskId, "ACCEPT", null).then().statusCode(409)
                .body("detail", containsString("status DRAFT"))
                .body("detail", containsString("allowed: CANCEL, SUBMIT"));
        transition("OFFICE", null, taskId, "CLOSE", null).then().statusCode(409);
        // The contract's schema requires the note of a RETURN: only a request breaking it gets this far.
        String etag = api().get("/api/v1/tasks/" + taskId).then().extract().header("ETag");
        cn.keywork.supervision.support.Api.deliberatelyInvalidAs("OFFICE", null).header("If-Match", etag)
                .body(Map.of("action", "RETURN")).post("/api/v1/tasks/" + taskId + "/transitions")
                .then().statusCode(400).body("errors[0].field", equalTo("note"));
        transition("UNIT_LIAISON", lead, taskId, "ACCEPT", null).then().statusCode(403);
    }

    @Test
    void r2_a_unit_declares_only_for_itself_and_sees_only_its_own_tasks() {
        int year = freshYear();
        String own = Units.registerId(uniqueCode("OWN"), "本单位");
        String other = Units.registerId(uniqueCode("OTH"), "其他单位");
        asUnit("UNIT_LIAISON", own).body(task(year, "OTHER", other, "替别人申报")).post("/api/v1/tasks")
                .then().statusCode(403);
        String theirs = asUnit("UNIT_LIAISON", other).body(task(year, "OTHER", other, "别人的任务")).post("/api/v1/tasks")
                .then().statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", own).get("/api/v1/tasks/" + theirs).then().statusCode(404);
        asUnit("UNIT_LIAISON", own).queryParam("year", year).get("/api/v1/tasks").then().statusCode(200)
                .body("items.id", not(hasItem(theirs)));
        as("LEADER").get("/api/v1/tasks/" + theirs).then().statusCode(200);
        as("EVALUATOR").get("/api/v1/tasks/" + theirs).then().statusCode(403);
    }

    @Test
    void r3_cooperating_units_see_the_task_but_only_the_lead_submits_and_sees_the_mobile() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("L"), "牵头部门");
        String partner = Units.registerId(uniqueCode("P"), "配合部门");
        Map<String, Object> body = task(year, "LIVELIHOOD", lead, "老旧小区改造");
        body.put("cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "负责资金保障")));
        body.put("responsiblePerson", Map.of("name", "周八", "mobile", "13612345678"));
        body.put("unitHead", "吴局长");
        body.put("responsibleDivision", "城建科");
        body.put("documentNumber", "示政发〔" + year + "〕3号");
        String taskId = asUnit("UNIT_LIAISON", lead).body(body).post("/api/v1/tasks").then().statusCode(201)
                .body("cooperatingUnits[0].responsibility", equalTo("负责资金保障"))
                .body("responsiblePerson.mobile", equalTo("13612345678"))
                .extract().path("id");

        asUnit("UNIT_LIAISON", partner).get("/api/v1/tasks/" + taskId).then().statusCode(200)
                .body("responsiblePerson.name", equalTo("周八"))
                .body("responsiblePerson.mobile", nullValue());
        asUnit("UNIT_LIAISON", partner).queryParam("unitId", partner).queryParam("unitRole", "COOPERATING")
                .get("/api/v1/tasks").then().body("items.id", hasItem(taskId));
        transition("UNIT_LIAISON", partner, taskId, "SUBMIT", null).then().statusCode(403);
        as("OFFICE").get("/api/v1/tasks/" + taskId).then().body("responsiblePerson.mobile", equalTo("13612345678"));
    }

    @Test
    void r1_category_limits_of_the_seed_are_enforced_on_entering_the_register() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("LIM"), "限额单位");
        for (int i = 1; i <= 10; i++) {
            as("OFFICE").body(task(year, "KEY_PROJECT", lead, "重点工程" + i)).post("/api/v1/tasks")
                    .then().statusCode(201).body("code", equalTo(String.format("%d-GC-%02d", year, i)));
        }
        as("OFFICE").body(task(year, "KEY_PROJECT", lead, "第十一项")).post("/api/v1/tasks")
                .then().statusCode(409).body("detail", containsString("limit is 10"));

        String county = Units.registerId(uniqueCode("CTY"), "一县一题县");
        as("OFFICE").body(task(year, "COUNTY_TOPIC", county, "一县一题")).post("/api/v1/tasks").then().statusCode(201)
                .body("code", equalTo(year + "-YT-01"));
        as("OFFICE").body(task(year, "COUNTY_TOPIC", county, "第二题")).post("/api/v1/tasks").then().statusCode(409);
        as("OFFICE").body(task(year, "KEY_PROJECT", lead, "第十一项")).post("/api/v1/tasks").then().statusCode(409);
        as("OFFICE").body(task(year, "LIVELIHOOD", lead, "民生实事")).post("/api/v1/tasks").then().statusCode(201)
                .body("code", equalTo(year + "-MS-01"));
    }

    @Test
    void r2_twenty_concurrent_acceptances_get_unique_gapless_codes() throws Exception {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("CONC"), "并发受理单位");
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = asUnit("UNIT_LIAISON", lead).body(task(year, "OTHER", lead, "并发任务" + i)).post("/api/v1/tasks")
                    .then().statusCode(201).extract().path("id");
            transition("UNIT_LIAISON", lead, id, "SUBMIT", null).then().statusCode(200);
            submitted.add(id);
        }
        List<Callable<String>> accepts = new ArrayList<>();
        for (String id : submitted) {
            String etag = api().get("/api/v1/tasks/" + id).then().extract().header("ETag");
            accepts.add(() -> as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT"))
                    .post("/api/v1/tasks/" + id + "/transitions").then().statusCode(200).extract().path("code"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<String> codes = new ArrayList<>();
        try {
            for (Future<String> code : pool.invokeAll(accepts)) {
                codes.add(code.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            expected.add(String.format("%d-QT-%02d", year, i));
        }
        assertThat(codes).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void r1_declarations_are_checked() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("CHK"), "校验单位");
        Map<String, Object> early = task(year, "OTHER", lead, "期限早于年度");
        early.put("deadline", (year - 1) + "-12-31");
        as("OFFICE").body(early).post("/api/v1/tasks").then().statusCode(400).body("errors[0].field", equalTo("deadline"));

        Map<String, Object> twice = task(year, "OTHER", lead, "重复配合");
        twice.put("cooperatingUnits", List.of(Map.of("unitId", lead, "responsibility", "自己配合自己")));
        as("OFFICE").body(twice).post("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("cooperatingUnits[0].unitId"));

        Map<String, Object> notLeader = task(year, "OTHER", lead, "分管领导不是领导");
        notLeader.put("leaderInChargeId", api().get("/api/v1/me").then().extract().<String>path("id"));
        as("OFFICE").body(notLeader).post("/api/v1/tasks").then().statusCode(400)
                .body("errors[0].field", equalTo("leaderInChargeId"));

        String leaderId = as("LEADER").get("/api/v1/me").then().extract().path("id");
        Map<String, Object> withLeader = task(year, "OTHER", lead, "有分管领导");
        withLeader.put("leaderInChargeId", leaderId);
        as("OFFICE").body(withLeader).post("/api/v1/tasks").then().statusCode(201);
        as("LEADER").queryParam("leaderId", leaderId).queryParam("year", year).get("/api/v1/tasks")
                .then().body("total", equalTo(1));
    }

    @Test
    void r1_tasks_are_found_by_chinese_text_and_filters() {
        int year = freshYear();
        String lead = Units.registerId(uniqueCode("TXT"), "检索单位");
        as("OFFICE").body(task(year, "KEY_PROJECT", lead, "城区污水管网改造")).post("/api/v1/tasks").then().statusCode(201);
        as("OFFICE").body(task(year, "LIVELIHOOD", lead, "农村饮水安全巩固提升")).post("/api/v1/tasks").then().statusCode(201);
        as("OFFICE").queryParam("year", year).queryParam("q", "污水").get("/api/v1/tasks").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].title", equalTo("城区污水管网改造"));
        as("OFFICE").queryParam("year", year).queryParam("q", "饮水安全").get("/api/v1/tasks").then()
                .body("total", equalTo(1));
        as("OFFICE").queryParam("year", year).queryParam("category", "LIVELIHOOD").get("/api/v1/tasks").then()
                .body("total", equalTo(1));
        as("OFFICE").queryParam("year", year).queryParam("sort", "title").queryParam("deadlineTo", year + "-12-31")
                .get("/api/v1/tasks").then().body("total", equalTo(2));
        as("OFFICE").queryParam("year", year).queryParam("q", "100%").get("/api/v1/tasks").then().body("total", equalTo(0));
    }
}
