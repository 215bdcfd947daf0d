package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;

/** R2: after acceptance, target, deadline, units and schedule change only through approved adjustments, with history. */
@QuarkusTest
class TaskAdjustmentTest {

    private static final int YEAR = 2028;

    private static String[] activeTask() {
        String lead = Units.registerId(uniqueCode("AL"), "调整牵头单位");
        Map<String, Object> body = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "调整测试",
                "target", "原目标", "content", "原内容", "deadline", YEAR + "-06-30", "leadUnitId", lead));
        String taskId = as("OFFICE").body(body).post("/api/v1/tasks").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).extract().path("id");
        return new String[] { lead, taskId };
    }

    @Test
    void r2_an_approved_adjustment_changes_the_task_and_its_breakdown_and_is_kept_in_the_history() {
        String[] t = activeTask();
        String lead = t[0];
        String taskId = t[1];
        String etag = api().get("/api/v1/tasks/" + taskId).then().extract().header("ETag");
        asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("year", YEAR, "category", "OTHER", "title", "直接改",
                "target", "新目标", "content", "内容", "deadline", YEAR + "-06-30", "leadUnitId", lead))
                .put("/api/v1/tasks/" + taskId).then().statusCode(409).body("detail", containsString("adjustment"));

        Map<String, Object> proposal = new HashMap<>();
        proposal.put("reason", "受汛期影响，工期顺延");
        proposal.put("target", "新目标");
        proposal.put("deadline", YEAR + "-08-31");
        proposal.put("subItems", List.of(Map.of("content", "新子项", "responsibleUnitId", lead, "deadline", YEAR + "-08-31",
                "schedule", List.of(Map.of("month", YEAR + "-07", "plannedPercent", 40),
                        Map.of("month", YEAR + "-08", "plannedPercent", 100)))));
        String adjustmentId = asUnit("UNIT_LIAISON", lead).body(proposal).post("/api/v1/tasks/" + taskId + "/adjustments")
                .then().statusCode(201).body("status", equalTo("PENDING"))
                .body("proposal.deadline", equalTo(YEAR + "-08-31"))
                .extract().path("id");
        asUnit("UNIT_LIAISON", lead).body(Map.of("reason", "再来一个")).post("/api/v1/tasks/" + taskId + "/adjustments")
                .then().statusCode(409);
        asUnit("UNIT_LIAISON", lead).body(Map.of("approve", true)).post("/api/v1/tasks/" + taskId + "/adjustments/"
                + adjustmentId + "/decision").then().statusCode(403);

        as("OFFICE").body(Map.of("approve", true, "note", "同意")).post("/api/v1/tasks/" + taskId + "/adjustments/"
                + adjustmentId + "/decision").then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("decidedBy", org.hamcrest.Matchers.notNullValue());
        as("OFFICE").body(Map.of("approve", false)).post("/api/v1/tasks/" + taskId + "/adjustments/"
                + adjustmentId + "/decision").then().statusCode(409);

        api().get("/api/v1/tasks/" + taskId).then().body("target", equalTo("新目标")).body("deadline", equalTo(YEAR + "-08-31"));
        as("OFFICE").get("/api/v1/tasks/" + taskId + "/plan").then()
                .body("months.plannedPercent", equalTo(List.of(40, 100)));
        as("OFFICE").get("/api/v1/tasks/" + taskId + "/versions").then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].snapshot.task.details.target", equalTo("原目标"))
                .body("[1].snapshot.task.details.target", equalTo("新目标"))
                .body("[1].snapshot.subItems[0].details.schedule[0].month", equalTo(YEAR + "-07"))
                .body("[1].reason", containsString("受汛期影响"));
    }

    @Test
    void r2_a_rejected_adjustment_changes_nothing() {
        String[] t = activeTask();
        String adjustmentId = asUnit("UNIT_HEAD", t[0]).body(Map.of("reason", "想改目标", "target", "改过的目标"))
                .post("/api/v1/tasks/" + t[1] + "/adjustments").then().statusCode(201).extract().path("id");
        as("OFFICE").body(Map.of("approve", false, "note", "理由不充分")).post("/api/v1/tasks/" + t[1] + "/adjustments/"
                + adjustmentId + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
        api().get("/api/v1/tasks/" + t[1]).then().body("target", equalTo("原目标"));
        as("OFFICE").get("/api/v1/tasks/" + t[1] + "/versions").then().body("", hasSize(1));
        as("OFFICE").get("/api/v1/tasks/" + t[1] + "/adjustments").then().body("[0].decisionNote", equalTo("理由不充分"));
    }

    @Test
    void r2_an_adjustment_that_breaks_the_rules_is_refused_when_approved() {
        String[] t = activeTask();
        String adjustmentId = asUnit("UNIT_HEAD", t[0]).body(Map.of("reason", "期限提前到年度之前",
                "deadline", (YEAR - 1) + "-12-31")).post("/api/v1/tasks/" + t[1] + "/adjustments").then().statusCode(201)
                .extract().path("id");
        as("OFFICE").body(Map.of("approve", true)).post("/api/v1/tasks/" + t[1] + "/adjustments/" + adjustmentId + "/decision")
                .then().statusCode(400).body("errors[0].field", equalTo("deadline"));
        as("OFFICE").get("/api/v1/tasks/" + t[1] + "/adjustments").then().body("[0].status", equalTo("PENDING"));
    }

    /** An ACTIVE task with one cooperating unit and a breakdown of one sub-item per unit, set up through an approved adjustment. */
    private static String[] activeTaskWithPartnerAndBreakdown() {
        String lead = Units.registerId(uniqueCode("AL"), "调整牵头单位");
        String partner = Units.registerId(uniqueCode("AP"), "调整配合单位");
        Map<String, Object> body = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "调整测试",
                "target", "原目标", "content", "原内容", "deadline", YEAR + "-06-30", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String taskId = as("OFFICE").body(body).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        Map<String, Object> breakdown = Map.of("reason", "补充分解", "subItems", List.of(
                subItem(lead, YEAR + "-06-30"), subItem(partner, YEAR + "-05-31")));
        approve(taskId, request(taskId, lead, breakdown)).then().statusCode(200);
        return new String[] { lead, partner, taskId };
    }

    private static Map<String, Object> subItem(String unit, String deadline) {
        String month = deadline.substring(0, 7);
        return Map.of("content", "子项", "responsibleUnitId", unit, "deadline", deadline,
                "schedule", List.of(Map.of("month", month, "plannedPercent", 100)));
    }

    private static String request(String taskId, String lead, Map<String, Object> proposal) {
        return asUnit("UNIT_LIAISON", lead).body(proposal).post("/api/v1/tasks/" + taskId + "/adjustments")
                .then().statusCode(201).extract().path("id");
    }

    private static io.restassured.response.Response approve(String taskId, String adjustmentId) {
        return as("OFFICE").body(Map.of("approve", true)).post("/api/v1/tasks/" + taskId + "/adjustments/" + adjustmentId
                + "/decision");
    }

    @Test
    void r2_an_approved_adjustment_of_the_target_alone_keeps_the_cooperating_units_and_the_breakdown() {
        String[] t = activeTaskWithPartnerAndBreakdown();
        String taskId = t[2];
        approve(taskId, request(taskId, t[0], Map.of("reason", "只改目标", "target", "新目标"))).then().statusCode(200);

        api().get("/api/v1/tasks/" + taskId).then().body("target", equalTo("新目标"))
                .body("cooperatingUnits.unitId", equalTo(List.of(t[1])));
        as("OFFICE").get("/api/v1/tasks/" + taskId + "/sub-items").then().body("responsibleUnitId", equalTo(List.of(t[0], t[1])));
        as("OFFICE").get("/api/v1/tasks/" + taskId + "/adjustments").then()
                .body("find { it.reason == '只改目标' }.proposal", equalTo(Map.of("target", "新目标")));
    }

    @Test
    void r2_an_adjustment_sent_with_empty_lists_empties_them_as_asked() {
        String[] t = activeTaskWithPartnerAndBreakdown();
        approve(t[2], request(t[2], t[0], Map.of("reason", "取消配合与分解", "cooperatingUnits", List.of(), "subItems",
                List.of()))).then().statusCode(200);
        api().get("/api/v1/tasks/" + t[2]).then().body("cooperatingUnits", hasSize(0));
        as("OFFICE").get("/api/v1/tasks/" + t[2] + "/sub-items").then().body("", hasSize(0));
    }

    @Test
    void r2_an_approval_that_would_strand_a_kept_sub_item_is_refused_and_changes_nothing() {
        String[] t = activeTaskWithPartnerAndBreakdown();
        String dropPartner = request(t[2], t[0], Map.of("reason", "不再需要配合单位", "cooperatingUnits", List.of()));
        approve(t[2], dropPartner).then().statusCode(409).body("detail", containsString("sub-item 2"));
        api().get("/api/v1/tasks/" + t[2]).then().body("cooperatingUnits.unitId", equalTo(List.of(t[1])));
        as("OFFICE").get("/api/v1/tasks/" + t[2] + "/adjustments").then()
                .body("find { it.id == '" + dropPartner + "' }.status", equalTo("PENDING"));
    }

    @Test
    void r2_an_adjustment_asked_before_the_task_was_cancelled_cannot_be_approved_after() {
        String[] t = activeTask();
        String adjustmentId = request(t[1], t[0], Map.of("reason", "延期", "deadline", YEAR + "-09-30"));
        String etag = api().get("/api/v1/tasks/" + t[1]).then().extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "CANCEL", "note", "任务取消"))
                .post("/api/v1/tasks/" + t[1] + "/transitions").then().statusCode(200).body("status", equalTo("CANCELLED"));

        approve(t[1], adjustmentId).then().statusCode(409).body("detail", containsString("CANCELLED"));
        api().get("/api/v1/tasks/" + t[1]).then().body("deadline", equalTo(YEAR + "-06-30"));
        as("OFFICE").body(Map.of("approve", false, "note", "任务已取消")).post("/api/v1/tasks/" + t[1] + "/adjustments/"
                + adjustmentId + "/decision").then().statusCode(200).body("status", equalTo("REJECTED"));
    }

    @Test
    void r2_a_reason_of_the_full_length_the_contract_allows_is_approved_and_kept_in_the_history() {
        String[] t = activeTask();
        String reason = "因".repeat(500);
        approve(t[1], request(t[1], t[0], Map.of("reason", reason, "target", "新目标"))).then().statusCode(200);
        as("OFFICE").get("/api/v1/tasks/" + t[1] + "/versions").then().body("[1].reason", containsString(reason));
    }

    @Test
    void r2_an_adjustment_that_keeps_a_cooperating_unit_with_new_duties_is_applied() {
        String[] t = activeTaskWithPartnerAndBreakdown();
        approve(t[2], request(t[2], t[0], Map.of("reason", "调整配合事项", "cooperatingUnits",
                List.of(Map.of("unitId", t[1], "responsibility", "新的配合事项"))))).then().statusCode(200);
        api().get("/api/v1/tasks/" + t[2]).then().body("cooperatingUnits[0].responsibility", equalTo("新的配合事项"));
        as("OFFICE").get("/api/v1/tasks/" + t[2] + "/sub-items").then().body("", hasSize(2));
    }
}
