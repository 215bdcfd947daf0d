package cn.keywork.supervision.problem;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Joint meetings (R10): recorded by the lead unit or the office; a decision opens a problem in the same transaction. */
@QuarkusTest
class MeetingTest {

    private static final String DUE = "2099-12-31";
    private static final String HELD = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();

    @Inject
    Pool database;

    private record Fixture(String lead, String partner, String other, String taskId) {
        String meetings() {
            return "/api/v1/tasks/" + taskId + "/meetings";
        }
    }

    private static Fixture fixture(String prefix) {
        String lead = Units.registerId(uniqueCode(prefix + "L"), "会议牵头单位");
        String partner = Units.registerId(uniqueCode(prefix + "P"), "会议配合单位");
        String other = Units.registerId(uniqueCode(prefix + "O"), "无关单位");
        int year = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        Map<String, Object> task = new HashMap<>(Map.of("year", year, "category", "OTHER", "title", "联席会议测试任务",
                "target", "目标", "content", "内容", "deadline", year + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        return new Fixture(lead, partner, other, taskId);
    }

    private static Map<String, Object> meeting(Fixture f, List<Map<String, Object>> decisions) {
        return Map.of("heldOn", HELD, "participantUnitIds", List.of(f.lead(), f.partner()), "minutes", "研究征地拆迁问题",
                "decisions", decisions);
    }

    private static Map<String, Object> opens(String text, String unit) {
        return Map.of("text", text, "openProblem", true, "assignedUnitIds", List.of(unit), "deadline", DUE);
    }

    private List<Row> rows(String sql, String id) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void r10_the_lead_unit_records_a_meeting_whose_decision_opens_a_problem_and_asks_for_a_slip() {
        Fixture f = fixture("MA");
        var created = asUnit("UNIT_LIAISON", f.lead()).body(meeting(f, List.of(opens("配合单位两周内完成用地审批", f.partner()),
                Map.of("text", "请督查室就资金拨付下发交办单", "requestAssignmentSlip", true)))).post(f.meetings()).then()
                .statusCode(201).body("convenedByOffice", equalTo(false)).body("convenedByUnitId", equalTo(f.lead()))
                .body("decisions[0].problemId", notNullValue()).body("decisions[1].problemId", nullValue())
                .body("decisions[1].requestAssignmentSlip", equalTo(true)).extract();
        String meetingId = created.path("id");
        String problemId = created.path("decisions[0].problemId");

        as("OFFICE").get("/api/v1/problems/" + problemId).then().statusCode(200).body("source", equalTo("JOINT_MEETING"))
                .body("status", equalTo("ASSIGNED")).body("raisedByUnitId", equalTo(f.lead()))
                .body("assignedUnitIds", equalTo(List.of(f.partner()))).body("description", equalTo("配合单位两周内完成用地审批"));
        asUnit("UNIT_HEAD", f.partner()).get(f.meetings()).then().statusCode(200).body("items.id", equalTo(List.of(meetingId)));
        asUnit("UNIT_HEAD", f.partner()).get(f.meetings() + "/" + meetingId).then().statusCode(200)
                .body("minutes", equalTo("研究征地拆迁问题"));

        List<Row> events = rows("SELECT type, payload::text AS payload FROM domain_event WHERE object_type = 'JointMeeting' "
                + "AND object_id = $1", meetingId);
        assertThat(events).extracting(row -> row.getString("type")).containsExactly("meeting.held");
        assertThat(events.get(0).getString("payload")).contains(problemId).contains("\"assignmentSlipRequests\": [2]");
        assertThat(rows("SELECT type FROM domain_event WHERE object_type = 'Problem' AND object_id = $1 ORDER BY seq", problemId))
                .extracting(row -> row.getString("type")).containsExactly("problem.raised", "problem.assigned");
        assertThat(rows("SELECT action FROM audit_event WHERE object_id = $1", meetingId))
                .extracting(row -> row.getString("action")).containsExactly("MEETING_HELD");
    }

    @Test
    void r10_only_the_lead_unit_or_the_office_records_a_meeting() {
        Fixture f = fixture("MB");
        asUnit("UNIT_LIAISON", f.partner()).body(meeting(f, List.of())).post(f.meetings()).then().statusCode(403);
        asUnit("UNIT_LIAISON", f.other()).body(meeting(f, List.of())).post(f.meetings()).then().statusCode(404);
        asUnit("UNIT_LIAISON", f.other()).get(f.meetings()).then().statusCode(404);
        as("OFFICE").body(meeting(f, List.of())).post(f.meetings()).then().statusCode(201)
                .body("convenedByOffice", equalTo(true));
    }

    @Test
    void r10_a_decision_opening_a_problem_needs_units_and_a_deadline_and_a_refused_record_opens_nothing() {
        Fixture f = fixture("MC");
        asUnit("UNIT_LIAISON", f.lead()).body(meeting(f, List.of(Map.of("text", "缺少承办单位", "openProblem", true))))
                .post(f.meetings()).then().statusCode(400);
        asUnit("UNIT_LIAISON", f.lead()).body(meeting(f, List.of(Map.of("text", "无问题却有时限", "deadline", DUE))))
                .post(f.meetings()).then().statusCode(400);
        Map<String, Object> future = new HashMap<>(meeting(f, List.of()));
        future.put("heldOn", "2099-01-01");
        asUnit("UNIT_LIAISON", f.lead()).body(future).post(f.meetings()).then().statusCode(400);
        asUnit("UNIT_LIAISON", f.lead()).body(meeting(f, List.of(opens("有效决定", f.partner()),
                opens("未知单位", UUID.randomUUID().toString())))).post(f.meetings()).then().statusCode(400);
        assertThat(rows("SELECT count(*) AS n FROM problem WHERE task_id = $1::uuid", f.taskId()).get(0).getLong("n"))
                .isZero();
        assertThat(rows("SELECT count(*) AS n FROM joint_meeting WHERE task_id = $1::uuid", f.taskId()).get(0).getLong("n"))
                .isZero();
    }

    @Test
    void r10_a_correction_keeps_the_problems_decisions_opened_and_opens_new_ones() {
        Fixture f = fixture("MD");
        var created = asUnit("UNIT_LIAISON", f.lead()).body(meeting(f, List.of(opens("第一项决定", f.partner()))))
                .post(f.meetings()).then().statusCode(201).extract();
        String path = f.meetings() + "/" + created.path("id");
        String first = created.path("decisions[0].problemId");
        String etag = created.header("ETag");

        asUnit("UNIT_LIAISON", f.lead()).header("If-Match", etag).body(meeting(f, List.of(Map.of("text", "改为普通决定"))))
                .put(path).then().statusCode(409);
        asUnit("UNIT_LIAISON", f.lead()).header("If-Match", "\"99\"").body(meeting(f, List.of(opens("第一项决定", f.partner()))))
                .put(path).then().statusCode(412);
        asUnit("UNIT_LIAISON", f.partner()).header("If-Match", etag).body(meeting(f, List.of(opens("第一项决定", f.partner()))))
                .put(path).then().statusCode(403);
        asUnit("UNIT_LIAISON", f.lead()).header("If-Match", etag).body(meeting(f, List.of(opens("第一项决定（修订）", f.partner()),
                opens("新增决定", f.lead())))).put(path).then().statusCode(200)
                .body("decisions[0].problemId", equalTo(first)).body("decisions[0].text", equalTo("第一项决定（修订）"))
                .body("decisions[1].problemId", notNullValue()).body("version", equalTo(2));
        assertThat(rows("SELECT count(*) AS n FROM problem WHERE task_id = $1::uuid AND source = 'JOINT_MEETING'", f.taskId())
                .get(0).getLong("n")).isEqualTo(2L);
    }
}
