package cn.keywork.supervision.event;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The register's moves (R1–R3) leave domain events in the log, in order, and the log cannot be rewritten. */
@QuarkusTest
class DomainEventLogTest {

    private static final int YEAR = 2027;

    @Inject
    Pool database;

    private static Map<String, Object> task(String lead, String coop) {
        Map<String, Object> body = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "事件测试任务",
                "target", "目标", "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead));
        body.put("cooperatingUnits", List.of(Map.of("unitId", coop, "responsibility", "配合")));
        return body;
    }

    private void move(String role, String unit, String taskId, String action, String note) {
        String etag = api().get("/api/v1/tasks/" + taskId).then().extract().header("ETag");
        Map<String, Object> body = new HashMap<>(Map.of("action", action));
        if (note != null) {
            body.put("note", note);
        }
        (unit == null ? as(role) : asUnit(role, unit)).header("If-Match", etag).body(body)
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(200);
    }

    private List<Row> eventsOf(String taskId) {
        List<Row> rows = new java.util.ArrayList<>();
        database.preparedQuery("SELECT type, object_type, unit_ids, payload, actor_id, seq FROM domain_event "
                + "WHERE object_type = 'TASK' AND object_id = $1 ORDER BY seq").execute(Tuple.of(taskId))
                .await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void r2_declaration_decisions_and_moves_are_logged_with_the_units_concerned() {
        String lead = Units.registerId(uniqueCode("EVL"), "事件牵头单位");
        String coop = Units.registerId(uniqueCode("EVC"), "事件配合单位");
        String taskId = asUnit("UNIT_LIAISON", lead).body(task(lead, coop)).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
        move("UNIT_LIAISON", lead, taskId, "SUBMIT", null);
        move("OFFICE", null, taskId, "RETURN", "请细化");
        move("UNIT_LIAISON", lead, taskId, "SUBMIT", null);
        move("OFFICE", null, taskId, "ACCEPT", null);
        move("OFFICE", null, taskId, "CANCEL", "并入其他任务");

        List<Row> events = eventsOf(taskId);
        assertThat(events).extracting(r -> r.getString("type")).containsExactly("task.declared", "task.submitted",
                "task.returned", "task.submitted", "task.accepted", "task.cancelled");
        Row accepted = events.get(4);
        assertThat(List.of(accepted.getArrayOfUUIDs("unit_ids"))).extracting(Object::toString).containsExactly(lead, coop);
        assertThat(accepted.getJsonObject("payload").getString("status")).isEqualTo("ACTIVE");
        assertThat(accepted.getJsonObject("payload").getString("code")).isNotBlank();
        assertThat(accepted.getUUID("actor_id")).isNotNull();
        assertThat(events.get(5).getJsonObject("payload").getString("note")).isEqualTo("并入其他任务");
    }

    @Test
    void r2_a_task_the_office_registers_directly_is_logged_as_registered() {
        String lead = Units.registerId(uniqueCode("EVR"), "直接登记单位");
        String coop = Units.registerId(uniqueCode("EVS"), "直接登记配合");
        String taskId = as("OFFICE").body(task(lead, coop)).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        assertThat(eventsOf(taskId)).extracting(r -> r.getString("type")).containsExactly("task.registered");
    }

    @Test
    void r2_an_approved_adjustment_is_logged_and_a_rejected_one_is_not() {
        String lead = Units.registerId(uniqueCode("EVJ"), "调整事件单位");
        String coop = Units.registerId(uniqueCode("EVK"), "调整事件配合");
        String taskId = as("OFFICE").body(task(lead, coop)).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String rejected = asUnit("UNIT_HEAD", lead).body(Map.of("reason", "想改目标", "target", "改过的目标"))
                .post("/api/v1/tasks/" + taskId + "/adjustments").then().statusCode(201).extract().path("id");
        as("OFFICE").body(Map.of("approve", false)).post("/api/v1/tasks/" + taskId + "/adjustments/" + rejected + "/decision")
                .then().statusCode(200);
        String approved = asUnit("UNIT_HEAD", lead).body(Map.of("reason", "受汛期影响", "target", "新目标"))
                .post("/api/v1/tasks/" + taskId + "/adjustments").then().statusCode(201).extract().path("id");
        as("OFFICE").body(Map.of("approve", true)).post("/api/v1/tasks/" + taskId + "/adjustments/" + approved + "/decision")
                .then().statusCode(200);

        List<Row> events = eventsOf(taskId);
        assertThat(events).extracting(r -> r.getString("type")).containsExactly("task.registered", "task.adjusted");
        assertThat(events.get(1).getJsonObject("payload").getString("note")).isEqualTo("受汛期影响");
    }

    @Test
    void the_log_refuses_to_be_rewritten_or_cut() {
        String lead = Units.registerId(uniqueCode("EVA"), "追加单位");
        String coop = Units.registerId(uniqueCode("EVB"), "追加配合");
        String taskId = as("OFFICE").body(task(lead, coop)).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        assertThatThrownBy(() -> database.preparedQuery("UPDATE domain_event SET type = 'forged' WHERE object_id = $1")
                .execute(Tuple.of(taskId)).await().indefinitely()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.preparedQuery("DELETE FROM domain_event WHERE object_id = $1")
                .execute(Tuple.of(taskId)).await().indefinitely()).hasMessageContaining("append-only");
        assertThat(eventsOf(taskId)).hasSize(1);
    }
}
