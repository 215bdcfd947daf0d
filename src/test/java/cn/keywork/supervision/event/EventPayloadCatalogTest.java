package cn.keywork.supervision.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.points.service.PointPosting;
import cn.keywork.supervision.slip.service.SlipOverdueScan;
import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.AssessmentFixtures;
import cn.keywork.supervision.support.ContractCheck;
import cn.keywork.supervision.support.EventPayloads;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Every domain event type has a payload schema in the contract ({@code Event}'s
 * {@code x-event-payloads}), and the payloads the service writes match it.
 */
@QuarkusTest
class EventPayloadCatalogTest {

    private static final EventPayloads CATALOG = EventPayloads.INSTANCE;

    @Inject
    Pool database;

    @Inject
    SlipOverdueScan overdueScan;

    @Inject
    PointPosting posting;

    @Test
    void every_event_type_names_a_payload_schema_of_the_contract() {
        assertThat(CATALOG.eventTypeEnum()).hasSize(52).containsExactlyInAnyOrderElementsOf(CATALOG.eventTypeConstants());
        assertThat(CATALOG.gaps()).isEmpty();
    }

    @Test
    void every_payload_schema_is_closed_described_and_named_after_events() {
        JsonNode schemas = ContractCheck.INSTANCE.contract().path("components").path("schemas");
        for (String name : new TreeSet<>(CATALOG.mapping().values())) {
            JsonNode schema = schemas.path(name);
            assertThat(name).endsWith("EventPayload");
            assertThat(schema.path("additionalProperties").isBoolean()).as(name).isTrue();
            assertThat(schema.path("additionalProperties").asBoolean()).as(name).isFalse();
            assertThat(schema.path("description").asText()).as(name).isNotBlank();
            schema.path("required").forEach(key -> assertThat(schema.path("properties").has(key.asText()))
                    .as(name + " requires " + key.asText()).isTrue());
        }
    }

    @Test
    void a_payload_that_breaks_its_schema_is_named_with_the_violation() {
        String task = """
                {"title": "任务", "category": "OTHER", "status": "DRAFT", "deadline": "2027-12-31"}""";
        assertThat(CATALOG.check("task.declared", task)).isEmpty();
        assertThat(CATALOG.check("task.declared", task.replace("{", "{\"code\": null, "))).singleElement().asString()
                .contains("/code");
        assertThat(CATALOG.check("task.declared", task.replace("}", ", \"extra\": 1}"))).singleElement().asString()
                .contains("TaskEventPayload", "extra");
        assertThat(CATALOG.check("task.declared", task.replace("\"title\": \"任务\", ", ""))).singleElement().asString()
                .contains("title");
        assertThat(CATALOG.check("task.declared", task.replace("OTHER", "SIDE_PROJECT"))).isNotEmpty();
        assertThat(CATALOG.check("task.declared", task.replace("2027-12-31", "31.12.2027"))).isNotEmpty();
        assertThat(CATALOG.check("report.accepted", """
                {"taskId": "not-a-uuid", "code": "K1", "period": "2027-01", "late": false, "version": 1}""")).isNotEmpty();
        assertThat(CATALOG.check("points.posted", """
                {"entryId": "0b8f7c1e-3a52-4a5e-9a59-5b1f8f0e4c11", "year": 2027, "points": -0.5, "ruleCode": "URGING",
                 "ruleBookVersion": 1.5, "sourceEventId": "0b8f7c1e-3a52-4a5e-9a59-5b1f8f0e4c12"}""")).isNotEmpty();
        assertThat(CATALOG.check("no.such_type", "{}")).isNotEmpty();
    }

    /** The payloads of the object's events, in order, each checked against its type's schema. */
    private List<String> checkedEventsOf(String objectId) {
        List<String> seen = new ArrayList<>();
        database.preparedQuery("SELECT type, cast(id AS text), cast(payload AS text) FROM domain_event WHERE object_id = $1"
                + " ORDER BY seq").execute(Tuple.of(objectId)).await().indefinitely().forEach(row -> {
                    assertThat(CATALOG.check(row.getString(0), row.getString(2))).as(row.getString(0) + " " + row.getString(1))
                            .isEmpty();
                    seen.add(row.getString(0));
                });
        return seen;
    }

    private static void move(RequestSpecification who, String taskId, String action, String note) {
        String etag = Api.api().get("/api/v1/tasks/" + taskId).then().extract().header("ETag");
        Map<String, Object> body = new HashMap<>(Map.of("action", action));
        if (note != null) {
            body.put("note", note);
        }
        who.header("If-Match", etag).body(body).post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(200);
    }

    @Test
    void r2_a_declared_task_without_a_code_returned_with_a_note_and_cancelled_tells_it_in_typed_payloads() {
        String lead = Units.registerId(Api.uniqueCode("EPL"), "载荷牵头单位");
        Map<String, Object> task = new HashMap<>(Map.of("year", 2027, "category", "LIVELIHOOD", "title", "载荷测试任务",
                "target", "目标", "content", "内容", "deadline", "2027-11-30", "leadUnitId", lead));
        String taskId = Api.asUnit("UNIT_LIAISON", lead).body(task).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
        move(Api.asUnit("UNIT_LIAISON", lead), taskId, "SUBMIT", null);
        move(Api.as("OFFICE"), taskId, "RETURN", "请补充目标");
        move(Api.asUnit("UNIT_LIAISON", lead), taskId, "SUBMIT", null);
        move(Api.as("OFFICE"), taskId, "CANCEL", "并入其他任务");

        assertThat(checkedEventsOf(taskId)).containsExactly("task.declared", "task.submitted", "task.returned",
                "task.submitted", "task.cancelled");
    }

    private static String moved(RequestSpecification who, String path, String etag, Map<String, Object> body) {
        return who.header("If-Match", etag).body(body).post(path + "/transitions").then().statusCode(200).extract()
                .header("ETag");
    }

    @Test
    void r6_r7_r8_moves_the_other_tests_may_leave_out_are_told_in_typed_payloads() throws Throwable {
        String lead = Units.registerId(Api.uniqueCode("EPM"), "载荷办理单位");
        LocalDate today = SlipFixtures.TODAY;
        YearMonth month = YearMonth.from(today);

        // a registered task, RED in the latest closed month, completed by the office, its month's report returned (R1, R5)
        String taskId = new SlipFixtures(database).redTask(lead, null);
        String reports = "/api/v1/tasks/" + taskId + "/reports/" + month;
        String reportTag = Api.asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "进展")).put(reports).then()
                .statusCode(201).extract().header("ETag");
        reportTag = moved(Api.asUnit("UNIT_LIAISON", lead), reports, reportTag, Map.of("action", "SUBMIT"));
        reportTag = moved(Api.as("OFFICE"), reports, reportTag, Map.of("action", "RETURN", "comment", "请补充问题分析"));
        new SlipFixtures(database).figure(taskId, month.minusMonths(1).toString(), 0, 0, "NOT_REPORTED");
        reportTag = moved(Api.asUnit("UNIT_LIAISON", lead), reports, reportTag, Map.of("action", "SUBMIT"));
        moved(Api.as("OFFICE"), reports, reportTag, Map.of("action", "ACCEPT"));
        move(Api.as("OFFICE"), taskId, "COMPLETE", "已按期完成");

        // a problem closed, another reported to the leaders (R6)
        List<String> problems = new ArrayList<>();
        for (String action : List.of("CLOSE", "REPORT_TO_LEADERS")) {
            var raised = Api.as("OFFICE").body(Map.of("taskId", taskId, "description", "载荷问题")).post("/api/v1/problems")
                    .then().statusCode(201).extract().response();
            moved(Api.as("OFFICE"), "/api/v1/problems/" + raised.path("id"), raised.header("ETag"),
                    Map.of("action", action, "comment", "已处理"));
            problems.add(raised.path("id"));
        }

        // an urging slip withdrawn before issue; another issued, answered, its answer returned, then past its deadline (R8)
        Map<String, Object> urging = Map.of("type", "URGING", "taskId", taskId, "requirements", "请加快推进",
                "responseDeadline", today.plusDays(10).toString());
        var draft = Api.as("OFFICE").body(urging).post("/api/v1/slips").then().statusCode(201).extract().response();
        String withdrawn = draft.path("id");
        moved(Api.as("OFFICE"), "/api/v1/slips/" + withdrawn, draft.header("ETag"),
                Map.of("action", "WITHDRAW", "comment", "重复起草"));
        var issued = SlipFixtures.issuedUrging(taskId);
        String slipId = issued.path("id");
        String slip = "/api/v1/slips/" + slipId;
        String slipTag = moved(Api.asUnit("UNIT_LIAISON", lead), slip, issued.header("ETag"), Map.of("action", "ACKNOWLEDGE"));
        slipTag = moved(Api.asUnit("UNIT_LIAISON", lead), slip, slipTag, Map.of("action", "RESPOND", "comment", "正在整改"));
        moved(Api.as("OFFICE"), slip, slipTag, Map.of("action", "RETURN_RESPONSE", "comment", "请说明整改时限"));
        new SlipFixtures(database).pastDeadline(slipId);
        VertxContextSupport.subscribeAndAwait(() -> overdueScan.scan());

        assertThat(checkedEventsOf(taskId)).containsExactly("task.registered", "light.changed", "task.completed");
        assertThat(checkedEventsOf(problems.get(0))).containsExactly("problem.raised", "problem.closed");
        assertThat(checkedEventsOf(problems.get(1))).containsExactly("problem.raised", "problem.reported_to_leaders");
        assertThat(checkedEventsOf(withdrawn)).containsExactly("slip.drafted", "slip.withdrawn");
        assertThat(checkedEventsOf(slipId)).containsExactly("slip.drafted", "slip.issued", "slip.acknowledged",
                "slip.responded", "slip.returned", "slip.overdue");
        assertThat(database.preparedQuery("SELECT type FROM domain_event WHERE type LIKE 'report.%' AND payload->>'taskId' = $1"
                + " ORDER BY seq").execute(Tuple.of(taskId)).await().indefinitely()).extracting(row -> row.getString(0))
                .containsExactly("report.submitted", "report.returned", "report.submitted", "report.accepted");
        assertThat(CATALOG.checkLog(database, 50)).isEmpty();
    }

    @Test
    void r9_a_supervision_order_rejected_by_its_leader_is_told_in_a_typed_payload() {
        String lead = Units.registerId(Api.uniqueCode("EPR"), "载荷督办单位");
        String leader = Api.as("LEADER").get("/api/v1/me").then().statusCode(200).extract().path("id");
        String taskId = new SlipFixtures(database).urgedAndStillLagging(lead, leader).taskId();
        var draft = Api.as("OFFICE").body(Map.of("type", "SUPERVISION", "taskId", taskId, "requirements", "请限期整改",
                "responseDeadline", SlipFixtures.TODAY.plusDays(30).toString())).post("/api/v1/slips").then().statusCode(201)
                .extract().response();
        String slip = "/api/v1/slips/" + draft.path("id");
        String etag = moved(Api.as("OFFICE"), slip, draft.header("ETag"), Map.of("action", "SUBMIT_FOR_APPROVAL"));
        moved(Api.as("LEADER"), slip, etag, Map.of("action", "REJECT", "comment", "依据不足"));

        assertThat(checkedEventsOf(draft.path("id"))).containsExactly("slip.drafted", "slip.submitted_for_approval",
                "slip.rejected");
    }

    @Test
    void r16_a_point_entry_posted_from_an_event_is_told_in_a_typed_payload() throws Throwable {
        String unit = Units.registerId(Api.uniqueCode("EPP"), "载荷考核单位");
        int year = AssessmentFixtures.freshYear();
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        fixtures.activeRuleBook(year, List.of(new AssessmentFixtures.Rule("PAYLOAD_CHECK", "test.payload_check", -0.5, "TARGET",
                0, null)));
        String source = fixtures.event("test.payload_check", "TEST", "payload", List.of(unit), Integer.toString(year), "{}");
        VertxContextSupport.subscribeAndAwait(() -> posting.post("payload-check", 1000));
        VertxContextSupport.subscribeAndAwait(() -> posting.post("payload-check", 1000));

        List<String> posted = new ArrayList<>();
        database.preparedQuery("SELECT cast(id AS text), cast(payload AS text) FROM domain_event WHERE type = 'points.posted'"
                + " AND payload->>'sourceEventId' = $1").execute(Tuple.of(source)).await().indefinitely().forEach(row -> {
                    assertThat(CATALOG.check("points.posted", row.getString(1))).as(row.getString(0)).isEmpty();
                    posted.add(row.getString(1));
                });
        assertThat(posted).singleElement().asString().contains("PAYLOAD_CHECK");
    }

    @Test
    void the_latest_payloads_of_every_type_in_the_log_match_their_schema() {
        TreeSet<String> absent = new TreeSet<>(CATALOG.eventTypeEnum());
        absent.removeAll(CATALOG.typesInLog(database).keySet());
        System.out.println("Event types never appended so far: " + absent);
        assertThat(CATALOG.checkLog(database, 50)).isEmpty();
    }
}
