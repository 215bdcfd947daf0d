package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** R4: sub-items with monthly schedules, the planned curve, and who may change what. */
@QuarkusTest
class TaskBreakdownTest {

    private static final int YEAR = 2027;

    private record Fixture(String lead, String partner, String taskId) {
    }

    private static Fixture declaredTask() {
        String lead = Units.registerId(uniqueCode("BL"), "分解牵头单位");
        String partner = Units.registerId(uniqueCode("BP"), "分解配合单位");
        Map<String, Object> task = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "分解测试任务",
                "target", "目标", "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String taskId = asUnit("UNIT_LIAISON", lead).body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        return new Fixture(lead, partner, taskId);
    }

    private static List<Map<String, Object>> schedule(Object... monthPercent) {
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < monthPercent.length; i += 2) {
            entries.add(Map.of("month", monthPercent[i], "plannedPercent", monthPercent[i + 1], "milestone", "节点" + i));
        }
        return entries;
    }

    private static Map<String, Object> subItem(String unit, String deadline, Object weight, List<Map<String, Object>> schedule) {
        Map<String, Object> body = new HashMap<>(Map.of("content", "子项内容", "responsibleUnitId", unit, "deadline", deadline,
                "schedule", schedule, "responsiblePerson", "张三"));
        if (weight != null) {
            body.put("weight", weight);
        }
        return body;
    }

    @Test
    void r4_the_plan_is_the_weighted_mean_of_the_sub_items_month_by_month() {
        Fixture f = declaredTask();
        asUnit("UNIT_LIAISON", f.lead()).body(subItem(f.lead(), YEAR + "-03-31", null,
                schedule(YEAR + "-01", 20, YEAR + "-02", 60, YEAR + "-03", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(201)
                .body("weight", equalTo(1)).body("schedule", hasSize(3));
        asUnit("UNIT_LIAISON", f.lead()).body(subItem(f.partner(), YEAR + "-04-30", 3,
                schedule(YEAR + "-03", 40, YEAR + "-04", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(201);

        as("OFFICE").get("/api/v1/tasks/" + f.taskId() + "/plan").then().statusCode(200)
                .body("months.month", equalTo(List.of(YEAR + "-01", YEAR + "-02", YEAR + "-03", YEAR + "-04")))
                // (1×20 + 3×0)/4 = 5; (1×60)/4 = 15; (1×100 + 3×40)/4 = 55; (100 + 300)/4 = 100
                .body("months.plannedPercent", equalTo(List.of(5, 15, 55, 100)))
                .body("subItems[1].months.plannedPercent", equalTo(List.of(0, 0, 40, 100)));
        asUnit("UNIT_LIAISON", f.partner()).get("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(200)
                .body("responsibleUnitId", hasItem(f.partner()));
    }

    @Test
    void r4_a_schedule_that_decreases_names_the_offending_month() {
        Fixture f = declaredTask();
        as("OFFICE").body(subItem(f.lead(), YEAR + "-03-31", null, schedule(YEAR + "-01", 50, YEAR + "-02", 40, YEAR + "-03", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors[0].field", equalTo("schedule[1].plannedPercent"))
                .body("errors[0].message", containsString(YEAR + "-02"));
    }

    @Test
    void r4_a_schedule_must_reach_100_in_the_deadline_month_and_not_run_past_it() {
        Fixture f = declaredTask();
        as("OFFICE").body(subItem(f.lead(), YEAR + "-03-31", null, schedule(YEAR + "-01", 50, YEAR + "-02", 80, YEAR + "-03", 90)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors[0].field", equalTo("schedule[2].plannedPercent"))
                .body("errors[0].message", containsString("100"));
        as("OFFICE").body(subItem(f.lead(), YEAR + "-02-28", null, schedule(YEAR + "-01", 50, YEAR + "-02", 80, YEAR + "-03", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors.field", hasItem("schedule[2].month"));
        as("OFFICE").body(subItem(f.lead(), YEAR + "-03-31", null, schedule(YEAR + "-01", 50, YEAR + "-03", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors[0].field", equalTo("schedule[1].month"));
    }

    @Test
    void r4_planned_percentages_above_100_are_refused_by_field() {
        Fixture f = declaredTask();
        cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous()
                .auth().oauth2(cn.keywork.supervision.support.TestAccounts.token("OFFICE")).contentType("application/json")
                .body(subItem(f.lead(), YEAR + "-02-28", null, schedule(YEAR + "-01", 120, YEAR + "-02", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors[0].field", equalTo("schedule[0].plannedPercent"));
    }

    @Test
    void r4_a_sub_item_stays_within_the_task_and_its_units() {
        Fixture f = declaredTask();
        as("OFFICE").body(subItem(f.lead(), (YEAR + 1) + "-01-31", null, schedule((YEAR + 1) + "-01", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors[0].field", equalTo("deadline"));
        String stranger = Units.registerId(uniqueCode("BS"), "无关单位");
        as("OFFICE").body(subItem(stranger, YEAR + "-01-31", null, schedule(YEAR + "-01", 100)))
                .post("/api/v1/tasks/" + f.taskId() + "/sub-items").then().statusCode(400)
                .body("errors[0].field", equalTo("responsibleUnitId"));
    }

    @Test
    void r4_a_cooperating_unit_edits_its_own_sub_items_and_after_acceptance_only_persons_and_milestones() {
        Fixture f = declaredTask();
        Response own = asUnit("UNIT_LIAISON", f.lead()).body(subItem(f.partner(), YEAR + "-02-28", null,
                schedule(YEAR + "-01", 50, YEAR + "-02", 100))).post("/api/v1/tasks/" + f.taskId() + "/sub-items")
                .then().statusCode(201).extract().response();
        Response leads = asUnit("UNIT_LIAISON", f.lead()).body(subItem(f.lead(), YEAR + "-02-28", null,
                schedule(YEAR + "-01", 50, YEAR + "-02", 100))).post("/api/v1/tasks/" + f.taskId() + "/sub-items")
                .then().statusCode(201).extract().response();
        String ownPath = "/api/v1/tasks/" + f.taskId() + "/sub-items/" + own.path("id");
        String leadsPath = "/api/v1/tasks/" + f.taskId() + "/sub-items/" + leads.path("id");

        asUnit("UNIT_LIAISON", f.partner()).header("If-Match", leads.header("ETag"))
                .body(subItem(f.lead(), YEAR + "-02-28", null, schedule(YEAR + "-01", 50, YEAR + "-02", 100)))
                .put(leadsPath).then().statusCode(403);

        String etag = own.header("ETag");
        for (String action : List.of("SUBMIT", "ACCEPT")) {
            String taskEtag = api().get("/api/v1/tasks/" + f.taskId()).then().extract().header("ETag");
            var request = action.equals("SUBMIT") ? asUnit("UNIT_LIAISON", f.lead()) : as("OFFICE");
            request.header("If-Match", taskEtag).body(Map.of("action", action))
                    .post("/api/v1/tasks/" + f.taskId() + "/transitions").then().statusCode(200);
        }
        asUnit("UNIT_LIAISON", f.partner()).header("If-Match", etag)
                .body(subItem(f.partner(), YEAR + "-02-28", null, schedule(YEAR + "-01", 70, YEAR + "-02", 100)))
                .put(ownPath).then().statusCode(409).body("detail", containsString("adjustment"));
        List<Map<String, Object>> renamed = List.of(
                Map.of("month", YEAR + "-01", "plannedPercent", 50, "milestone", "完成招标"),
                Map.of("month", YEAR + "-02", "plannedPercent", 100, "milestone", "完成施工"));
        Map<String, Object> body = subItem(f.partner(), YEAR + "-02-28", null, renamed);
        body.put("responsiblePerson", "李四");
        asUnit("UNIT_LIAISON", f.partner()).header("If-Match", etag).body(body).put(ownPath).then().statusCode(200)
                .body("responsiblePerson", equalTo("李四"))
                .body("schedule[0].milestone", equalTo("完成招标"));
        asUnit("UNIT_LIAISON", f.lead()).header("If-Match", leads.header("ETag")).delete(leadsPath).then().statusCode(409);
    }

    @Test
    void r4_a_weight_or_planned_percent_finer_than_is_kept_is_refused_rather_than_rounded() {
        Fixture f = declaredTask();
        String path = "/api/v1/tasks/" + f.taskId() + "/sub-items";
        cn.keywork.supervision.support.Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())
                .body(subItem(f.lead(), YEAR + "-02-28", 0.0004, schedule(YEAR + "-01", 50, YEAR + "-02", 100)))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("weight"));
        cn.keywork.supervision.support.Api.deliberatelyInvalidAs("UNIT_LIAISON", f.lead())
                .body(subItem(f.lead(), YEAR + "-02-28", 2, schedule(YEAR + "-01", 12.345, YEAR + "-02", 100)))
                .post(path).then().statusCode(400).body("errors[0].field", equalTo("schedule[0].plannedPercent"));
        asUnit("UNIT_LIAISON", f.lead()).body(subItem(f.lead(), YEAR + "-02-28", 0.001, schedule(YEAR + "-01", 12.34,
                YEAR + "-02", 100))).post(path).then().statusCode(201).body("weight", equalTo(0.001f))
                .body("schedule[0].plannedPercent", equalTo(12.34f));
        as("OFFICE").get("/api/v1/tasks/" + f.taskId() + "/plan").then().statusCode(200)
                .body("months.plannedPercent", equalTo(List.of(12.34f, 100)));
    }
}
