package cn.keywork.supervision.problem;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.YearMonth;
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
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Problems (R6, R10): raised, assigned, answered, closed or reported to the leaders; scoped to units. */
@QuarkusTest
class ProblemTest {

    private static final String PROBLEMS = "/api/v1/problems";
    private static final String DUE = "2099-12-31";

    @Inject
    Pool database;

    private record Fixture(String lead, String partner, String other, String taskId) {
    }

    /** A task in the register (this year, by the real clock) with a lead and a cooperating unit, and an unrelated unit. */
    private static Fixture fixture(String prefix) {
        String lead = Units.registerId(uniqueCode(prefix + "L"), "问题牵头单位");
        String partner = Units.registerId(uniqueCode(prefix + "P"), "问题配合单位");
        String other = Units.registerId(uniqueCode(prefix + "O"), "无关单位");
        int year = YearMonth.now(ZoneId.of("Asia/Shanghai")).getYear();
        Map<String, Object> task = new HashMap<>(Map.of("year", year, "category", "OTHER", "title", "问题测试任务",
                "target", "目标", "content", "内容", "deadline", year + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        return new Fixture(lead, partner, other, taskId);
    }

    private static Response move(io.restassured.specification.RequestSpecification who, String problemId,
            Map<String, Object> body) {
        String etag = as("OFFICE").get(PROBLEMS + "/" + problemId).then().statusCode(200).extract().header("ETag");
        return who.header("If-Match", etag).body(body).post(PROBLEMS + "/" + problemId + "/transitions");
    }

    private List<Row> rows(String sql, String id) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void r10_the_office_assigns_an_assigned_unit_answers_and_the_office_closes_with_events_and_audit() {
        Fixture f = fixture("PA");
        String id = as("OFFICE").body(Map.of("taskId", f.taskId(), "description", "征地拆迁滞后")).post(PROBLEMS).then()
                .statusCode(201).body("status", equalTo("OPEN")).body("raisedByOffice", equalTo(true))
                .body("source", equalTo("SUPERVISION")).extract().path("id");

        // only the office assigns; an assignment needs units and a deadline
        move(asUnit("UNIT_HEAD", f.lead()), id, Map.of("action", "ASSIGN", "assignedUnitIds", List.of(f.partner()),
                "deadline", DUE)).then().statusCode(403);
        move(as("OFFICE"), id, Map.of("action", "ASSIGN", "assignedUnitIds", List.of(f.partner()))).then().statusCode(400);
        move(as("OFFICE"), id, Map.of("action", "ASSIGN", "assignedUnitIds", List.of(f.partner()), "deadline", "2020-01-01"))
                .then().statusCode(400);
        move(as("OFFICE"), id, Map.of("action", "ASSIGN", "assignedUnitIds", List.of(UUID.randomUUID().toString()),
                "deadline", DUE)).then().statusCode(400);
        move(as("OFFICE"), id, Map.of("action", "ASSIGN", "assignedUnitIds", List.of(f.partner()), "deadline", DUE))
                .then().statusCode(200).body("status", equalTo("ASSIGNED")).body("deadline", equalTo(DUE))
                .body("assignedUnitIds", equalTo(List.of(f.partner())));

        // only an assigned unit answers, with its text
        move(asUnit("UNIT_LIAISON", f.lead()), id, Map.of("action", "ANSWER", "comment", "牵头单位代答")).then().statusCode(403);
        move(as("OFFICE"), id, Map.of("action", "ANSWER", "comment", "督查室代答")).then().statusCode(403);
        move(asUnit("UNIT_LIAISON", f.partner()), id, Map.of("action", "ANSWER")).then().statusCode(400);
        move(asUnit("UNIT_LIAISON", f.partner()), id, Map.of("action", "ANSWER", "comment", "已协调完成用地审批")).then()
                .statusCode(200).body("status", equalTo("ANSWERED")).body("answers[0].text", equalTo("已协调完成用地审批"))
                .body("answers[0].unitId", equalTo(f.partner())).body("answers[0].number", equalTo(1));

        move(as("OFFICE"), id, Map.of("action", "CLOSE", "comment", "问题已解决")).then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        move(as("OFFICE"), id, Map.of("action", "CLOSE")).then().statusCode(409)
                .body("detail", containsString("CLOSED"));

        List<Row> events = rows("SELECT type, payload::text AS payload, unit_ids::text[] AS units FROM domain_event "
                + "WHERE object_type = 'Problem' AND object_id = $1 ORDER BY seq", id);
        assertThat(events).extracting(row -> row.getString("type"))
                .containsExactly("problem.raised", "problem.assigned", "problem.answered", "problem.closed");
        assertThat(events).allSatisfy(row -> assertThat(row.getString("payload")).doesNotContain("username").doesNotContain("问题测试")
                .contains(f.taskId()));
        assertThat(List.of(events.get(1).getArrayOfStrings("units"))).contains(f.lead(), f.partner());
        assertThat(rows("SELECT action FROM audit_event WHERE object_type = 'Problem' AND object_id = $1 ORDER BY id", id))
                .extracting(row -> row.getString("action"))
                .containsExactly("PROBLEM_RAISED", "PROBLEM_ASSIGN", "PROBLEM_ANSWER", "PROBLEM_CLOSE");
    }

    @Test
    void r10_an_illegal_move_answers_409_naming_the_allowed_moves() {
        Fixture f = fixture("PB");
        String id = as("OFFICE").body(Map.of("taskId", f.taskId(), "description", "资金未到位", "assignedUnitIds",
                List.of(f.lead()), "deadline", DUE)).post(PROBLEMS).then().statusCode(201)
                .body("status", equalTo("ASSIGNED")).extract().path("id");
        move(as("OFFICE"), id, Map.of("action", "CLOSE")).then().statusCode(409)
                .body("detail", containsString("ANSWER, REPORT_TO_LEADERS"));
    }

    @Test
    void r10_the_office_reports_a_problem_to_the_leaders_and_the_list_collects_it() {
        Fixture f = fixture("PC");
        String id = as("OFFICE").body(Map.of("taskId", f.taskId(), "description", "跨部门审批卡顿")).post(PROBLEMS).then()
                .statusCode(201).extract().path("id");
        move(asUnit("UNIT_HEAD", f.lead()), id, Map.of("action", "REPORT_TO_LEADERS")).then().statusCode(403);
        move(as("OFFICE"), id, Map.of("action", "REPORT_TO_LEADERS", "comment", "提请分管领导协调")).then().statusCode(200)
                .body("status", equalTo("REPORTED_TO_LEADERS")).body("statusComment", equalTo("提请分管领导协调"));
        as("LEADER").queryParam("status", "REPORTED_TO_LEADERS").queryParam("taskId", f.taskId()).get(PROBLEMS).then()
                .statusCode(200).body("items.id", equalTo(List.of(id))).body("total", equalTo(1));
        as("OFFICE").queryParam("status", "OPEN").queryParam("taskId", f.taskId()).get(PROBLEMS).then()
                .statusCode(200).body("total", equalTo(0));
        assertThat(rows("SELECT type FROM domain_event WHERE object_type = 'Problem' AND object_id = $1 ORDER BY seq", id))
                .extracting(row -> row.getString("type")).containsExactly("problem.raised", "problem.reported_to_leaders");
    }

    @Test
    void r10_unit_accounts_see_problems_of_their_tasks_or_assigned_to_them_and_no_other() {
        Fixture f = fixture("PD");
        Fixture elsewhere = fixture("PE");
        // assigned to a unit outside the task: it sees that problem, not the task's others
        String assigned = as("OFFICE").body(Map.of("taskId", f.taskId(), "description", "需外单位配合", "assignedUnitIds",
                List.of(elsewhere.lead()), "deadline", DUE)).post(PROBLEMS).then().statusCode(201).extract().path("id");
        String internal = as("OFFICE").body(Map.of("taskId", f.taskId(), "description", "内部问题")).post(PROBLEMS).then()
                .statusCode(201).extract().path("id");

        asUnit("UNIT_LIAISON", f.partner()).queryParam("taskId", f.taskId()).get(PROBLEMS).then().statusCode(200)
                .body("total", equalTo(2));
        asUnit("UNIT_LIAISON", elsewhere.lead()).queryParam("taskId", f.taskId()).get(PROBLEMS).then().statusCode(200)
                .body("items.id", equalTo(List.of(assigned)));
        asUnit("UNIT_LIAISON", elsewhere.lead()).get(PROBLEMS + "/" + internal).then().statusCode(404);
        asUnit("UNIT_LIAISON", f.other()).get(PROBLEMS + "/" + assigned).then().statusCode(404);
        asUnit("UNIT_LIAISON", f.other()).get(PROBLEMS).then().statusCode(200).body("items.id", not(hasItem(assigned)));
        as("OFFICE").queryParam("unitId", elsewhere.lead()).get(PROBLEMS).then().statusCode(200)
                .body("items.id", hasItem(assigned)).body("items.id", not(hasItem(internal)));
        // the assigned outside unit answers
        move(asUnit("UNIT_LIAISON", elsewhere.lead()), assigned, Map.of("action", "ANSWER", "comment", "已安排配合")).then()
                .statusCode(200).body("status", equalTo("ANSWERED"));
    }

    @Test
    void r10_a_unit_of_the_task_raises_a_problem_but_does_not_assign_it() {
        Fixture f = fixture("PF");
        asUnit("UNIT_LIAISON", f.partner()).body(Map.of("taskId", f.taskId(), "description", "配合单位发现的问题")).post(PROBLEMS)
                .then().statusCode(201).body("raisedByOffice", equalTo(false)).body("raisedByUnitId", equalTo(f.partner()))
                .body("status", equalTo("OPEN"));
        asUnit("UNIT_LIAISON", f.lead()).body(Map.of("taskId", f.taskId(), "description", "自行交办", "assignedUnitIds",
                List.of(f.partner()), "deadline", DUE)).post(PROBLEMS).then().statusCode(403);
        asUnit("UNIT_LIAISON", f.other()).body(Map.of("taskId", f.taskId(), "description", "无关单位")).post(PROBLEMS).then()
                .statusCode(404);
        as("OFFICE").body(Map.of("taskId", f.taskId(), "subItemId", UUID.randomUUID().toString(), "description", "子项不符"))
                .post(PROBLEMS).then().statusCode(400);
    }

    @Test
    void r6_a_report_s_coordination_request_becomes_one_problem_assigned_to_the_units_it_asked() {
        Fixture f = fixture("PG");
        String period = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String report = "/api/v1/tasks/" + f.taskId() + "/reports/" + period;
        String etag = asUnit("UNIT_LIAISON", f.lead()).body(Map.of("summary", "进展", "coordinationRequests", List.of(
                Map.of("description", "需规划部门调整用地指标", "unitIds", List.of(f.partner())),
                Map.of("description", "需财政部门拨付资金", "unitIds", List.of(f.other(), f.partner())))))
                .put(report).then().statusCode(201).extract().header("ETag");
        String call = report + "/coordination-requests/1/problem";

        as("OFFICE").post(call).then().statusCode(409);
        asUnit("UNIT_LIAISON", f.lead()).header("If-Match", etag).body(Map.of("action", "SUBMIT"))
                .post(report + "/transitions").then().statusCode(200);

        asUnit("UNIT_HEAD", f.lead()).post(call).then().statusCode(403);
        String id = as("OFFICE").post(call).then().statusCode(201).body("source", equalTo("COORDINATION_REQUEST"))
                .body("sourcePeriod", equalTo(period)).body("sourceIndex", equalTo(1))
                .body("description", equalTo("需财政部门拨付资金")).body("status", equalTo("ASSIGNED"))
                .body("assignedUnitIds", equalTo(List.of(f.other(), f.partner())))
                .body("raisedByUnitId", equalTo(f.lead())).extract().path("id");
        as("OFFICE").post(call).then().statusCode(200).body("id", equalTo(id));
        as("OFFICE").post(report + "/coordination-requests/7/problem").then().statusCode(404);
        assertThat(rows("SELECT count(*) AS n FROM problem WHERE task_id = $1::uuid", f.taskId()).get(0).getLong("n"))
                .isEqualTo(1L);
        // the asked unit now sees and answers it
        move(asUnit("UNIT_LIAISON", f.other()), id, Map.of("action", "ANSWER", "comment", "资金已拨付")).then()
                .statusCode(200).body("status", equalTo("ANSWERED"));
    }

    @Test
    void r6_concurrent_calls_for_one_coordination_request_raise_one_problem() throws Exception {
        Fixture f = fixture("PH");
        String period = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        String report = "/api/v1/tasks/" + f.taskId() + "/reports/" + period;
        String etag = asUnit("UNIT_LIAISON", f.lead()).body(Map.of("summary", "进展", "coordinationRequests", List.of(
                Map.of("description", "需协调", "unitIds", List.of(f.partner()))))).put(report).then().statusCode(201)
                .extract().header("ETag");
        asUnit("UNIT_LIAISON", f.lead()).header("If-Match", etag).body(Map.of("action", "SUBMIT"))
                .post(report + "/transitions").then().statusCode(200);
        as("OFFICE").get(report).then().statusCode(200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(pool.submit(() -> as("OFFICE").post(report + "/coordination-requests/0/problem")));
            }
            List<Integer> statuses = new ArrayList<>();
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (var call : calls) {
                Response answer = call.get();
                statuses.add(answer.statusCode());
                ids.add(answer.path("id"));
            }
            assertThat(statuses).containsOnly(200, 201).filteredOn(status -> status == 201).hasSize(1);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(rows("SELECT count(*) AS n FROM problem WHERE task_id = $1::uuid", f.taskId()).get(0).getLong("n"))
                .isEqualTo(1L);
    }
}
