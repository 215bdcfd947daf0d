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
}
