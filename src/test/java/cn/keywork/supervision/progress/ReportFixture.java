package cn.keywork.supervision.progress;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;

/** Registered tasks with two sub-items (one the lead unit's, one a cooperating unit's) for report tests. */
final class ReportFixture {

    record RegisteredTask(String lead, String partner, String taskId, String leadItem, String partnerItem) {

        String reports() {
            return "/api/v1/tasks/" + taskId + "/reports";
        }

        String report(String period) {
            return reports() + "/" + period;
        }
    }

    private ReportFixture() {
    }

    /** The service's clock stands at {@code instant} (an offset date-time, e.g. {@code 2031-06-10T10:00:00+08:00}). */
    static void now(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(OffsetDateTime.parse(instant).toInstant(), ZoneId.of("Asia/Shanghai")),
                Clock.class);
    }

    /** A task of {@code year} in the register, led by a new unit with a new cooperating unit. */
    static RegisteredTask registered(int year, String prefix) {
        String lead = Units.registerId(uniqueCode(prefix + "L"), "报告牵头单位");
        String partner = Units.registerId(uniqueCode(prefix + "P"), "报告配合单位");
        return registered(year, lead, partner);
    }

    static RegisteredTask registered(int year, String lead, String partner) {
        Map<String, Object> task = new HashMap<>(Map.of("year", year, "category", "OTHER", "title", "进展报告测试任务",
                "target", "目标", "content", "内容", "deadline", year + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String taskId = asUnit("UNIT_LIAISON", lead).body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String leadItem = subItem(lead, taskId, lead);
        String partnerItem = subItem(lead, taskId, partner);
        String etag = api().get("/api/v1/tasks/" + taskId).then().statusCode(200).extract().header("ETag");
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "SUBMIT"))
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT"))
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(200);
        return new RegisteredTask(lead, partner, taskId, leadItem, partnerItem);
    }

    private static String subItem(String lead, String taskId, String responsible) {
        String year = api().get("/api/v1/tasks/" + taskId).then().extract().path("year").toString();
        return asUnit("UNIT_LIAISON", lead).body(Map.of("content", "子项", "responsibleUnitId", responsible,
                "deadline", year + "-12-31", "schedule", List.of(Map.of("month", year + "-12", "plannedPercent", 100))))
                .post("/api/v1/tasks/" + taskId + "/sub-items").then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> item(String subItemId, Object actual) {
        return Map.of("subItemId", subItemId, "actual", actual);
    }

    static Map<String, Object> draft(Object... items) {
        return Map.of("summary", "本月进展", "problems", "存在问题", "measures", "采取措施", "nextSteps", "下步打算",
                "subItems", List.of(items));
    }
}
