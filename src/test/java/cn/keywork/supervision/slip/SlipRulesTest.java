package cn.keywork.supervision.slip;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R7–R9: the seed's escalation rules, judged when a slip is drafted and again when it is decided; proposals. */
@QuarkusTest
class SlipRulesTest {

    @jakarta.inject.Inject
    Pool database;

    private SlipFixtures fixtures() {
        return new SlipFixtures(database);
    }

    private static String leaderId() {
        return as("LEADER").get("/api/v1/me").then().statusCode(200).extract().path("id");
    }

    private static Map<String, Object> body(String type, String taskId) {
        return new HashMap<>(Map.of("type", type, "taskId", taskId, "requirements", "请于期限内整改并反馈",
                "responseDeadline", SlipFixtures.TODAY.plusDays(10).toString()));
    }

    private static Response post(Map<String, Object> body) {
        return as("OFFICE").body(body).post("/api/v1/slips");
    }

    private static Response move(RequestSpecification who, Response slip, Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body).post("/api/v1/slips/" + slip.path("id") + "/transitions");
    }

    private static Response ok(Response response) {
        return response.then().statusCode(200).extract().response();
    }

    @Test
    void r7_no_assignment_slip_where_a_formal_document_states_the_requirements_unless_the_office_overrides() {
        String lead = TestAccounts.homeUnit();
        Map<String, Object> task = new HashMap<>(Map.of("year", SlipFixtures.TODAY.getYear(), "category", "OTHER",
                "title", "有文件的任务", "target", "目标", "content", "内容", "deadline", SlipFixtures.TODAY.getYear() + "-12-31",
                "leadUnitId", lead, "documentNumber", "示政发〔2026〕9号"));
        String documented = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        post(body("ASSIGNMENT", documented)).then().statusCode(409).body("detail", containsString("示政发〔2026〕9号"));
        Map<String, Object> overridden = body("ASSIGNMENT", documented);
        overridden.put("override", Map.of("reason", "市长现场办公会新增要求"));
        post(overridden).then().statusCode(201).body("rule", equalTo("OVERRIDE"))
                .body("override.reason", equalTo("市长现场办公会新增要求"));
        post(body("ASSIGNMENT", SlipFixtures.task(lead, null))).then().statusCode(201).body("rule", equalTo("R7"))
                .body("override", nullValue());
    }

    @Test
    void r8_an_urging_slip_needs_the_task_yellow_red_or_not_reported_in_the_latest_closed_month_unless_overridden() {
        String lead = TestAccounts.homeUnit();
        SlipFixtures fixtures = fixtures();
        String green = SlipFixtures.task(lead, null);
        String month = fixtures.lagging(green, 40, 38, "GREEN");
        post(body("URGING", green)).then().statusCode(409).body("detail", containsString(month))
                .body("detail", containsString("GREEN"));
        String noFigures = SlipFixtures.task(lead, null);
        post(body("URGING", noFigures)).then().statusCode(409);
        Map<String, Object> overridden = body("URGING", green);
        overridden.put("override", Map.of("reason", "现场督查发现停工"));
        post(overridden).then().statusCode(201).body("rule", equalTo("OVERRIDE"));
        String yellow = SlipFixtures.task(lead, null);
        fixtures.lagging(yellow, 40, 28, "YELLOW");
        post(body("URGING", yellow)).then().statusCode(201).body("rule", equalTo("R8_YELLOW"));
        String unreported = SlipFixtures.task(lead, null);
        fixtures.lagging(unreported, 40, 40, "NOT_REPORTED");
        post(body("URGING", unreported)).then().statusCode(201).body("rule", equalTo("R8_NOT_REPORTED"));
        String red = fixtures.redTask(lead, null);
        post(body("URGING", red)).then().statusCode(201).body("rule", equalTo("R8_RED"))
                .body("evidence.months[0].light", equalTo("RED"));
    }

    @Test
    void r8_the_rule_is_judged_again_when_the_slip_is_issued() {
        String lead = TestAccounts.homeUnit();
        SlipFixtures fixtures = fixtures();
        String taskId = fixtures.redTask(lead, null);
        Response draft = post(body("URGING", taskId)).then().statusCode(201).extract().response();
        Map<String, Object> withReason = body("URGING", taskId);
        withReason.put("override", Map.of("reason", "按市领导批示催办"));
        Response overridden = post(withReason).then().statusCode(201).body("rule", equalTo("R8_RED")).extract().response();
        fixtures.lagging(taskId, 60, 58, "GREEN");
        move(as("OFFICE"), draft, Map.of("action", "ISSUE")).then().statusCode(409).body("detail", containsString("GREEN"));
        ok(move(as("OFFICE"), overridden, Map.of("action", "ISSUE"))).then().body("status", equalTo("ISSUED"))
                .body("rule", equalTo("OVERRIDE"));
    }

    @Test
    void r9_a_supervision_order_needs_an_issued_urging_slip_past_its_deadline_with_no_better_lag_and_admits_no_override() {
        String lead = TestAccounts.homeUnit();
        SlipFixtures fixtures = fixtures();
        String taskId = fixtures.redTask(lead, leaderId());
        post(body("SUPERVISION", taskId)).then().statusCode(409).body("detail", containsString("R9"));
        String urging = SlipFixtures.issuedUrging(taskId).path("id");
        String number = as("OFFICE").get("/api/v1/slips/" + urging).then().extract().path("number");
        post(body("SUPERVISION", taskId)).then().statusCode(409).body("detail", containsString(number));
        fixtures.pastDeadline(urging);
        Map<String, Object> overridden = body("SUPERVISION", taskId);
        overridden.put("override", Map.of("reason", "领导要求"));
        post(overridden).then().statusCode(400).body("errors[0].field", equalTo("override"));
        Response order = post(body("SUPERVISION", taskId)).then().statusCode(201).body("rule", equalTo("R9"))
                .body("basisSlipId", equalTo(urging)).extract().response();
        fixtures.lagging(taskId, 60, 45, "YELLOW"); // the lag fell from 30 to 15 after the urging slip
        post(body("SUPERVISION", taskId)).then().statusCode(409).body("detail", containsString("15"));
        move(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL")).then().statusCode(409);
        fixtures.lagging(taskId, 70, 35, "RED");
        order = ok(move(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL")));
        fixtures.lagging(taskId, 70, 60, "GREEN");
        move(as("LEADER"), order, Map.of("action", "APPROVE", "comment", "同意")).then().statusCode(409);
    }

    @Test
    void r9_issuing_a_supervision_order_escalates_its_urging_slip_and_appends_the_deduction_basis_against_the_target_unit() {
        String lead = TestAccounts.homeUnit();
        SlipFixtures.Urged urged = fixtures().urgedAndStillLagging(lead, leaderId());
        Response second = SlipFixtures.issuedUrging(urged.taskId());
        move(as("OFFICE"), second, Map.of("action", "ESCALATE")).then().statusCode(409)
                .body("detail", containsString("supervision order"));
        Response order = post(body("SUPERVISION", urged.taskId())).then().statusCode(201).extract().response();
        order = ok(move(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL")));
        order = ok(move(as("LEADER"), order, Map.of("action", "APPROVE", "comment", "同意督办")));
        order = ok(move(as("OFFICE"), order, Map.of("action", "ISSUE")));
        String orderId = order.path("id");
        as("OFFICE").get("/api/v1/slips/" + urged.urgingSlipId()).then().statusCode(200)
                .body("status", equalTo("ESCALATED")).body("supersededBy", equalTo(orderId))
                .body("moves.action", hasItem("ESCALATE"));
        second = as("OFFICE").get("/api/v1/slips/" + second.path("id")).then().extract().response();
        ok(move(as("OFFICE"), second, Map.of("action", "ESCALATE"))).then().body("status", equalTo("ESCALATED"))
                .body("supersededBy", equalTo(orderId));
        List<String> basis = new ArrayList<>();
        database.preparedQuery("SELECT payload::text, unit_ids FROM domain_event WHERE type = 'slip.deduction_basis'"
                + " AND object_id = $1").execute(Tuple.of(orderId)).await().indefinitely().forEach(row -> {
                    basis.add(row.getString(0));
                    assertThat(List.of(row.getArrayOfUUIDs(1))).containsExactly(UUID.fromString(lead));
                });
        assertThat(basis).hasSize(1);
        assertThat(basis.get(0)).contains("\"rule\": \"R9\"", (String) order.path("number"), urged.urgingSlipId());
        long escalated = database.preparedQuery("SELECT count(*) FROM domain_event WHERE type = 'slip.escalated'"
                + " AND object_id = $1").execute(Tuple.of(urged.urgingSlipId())).await().indefinitely().iterator().next()
                .getLong(0);
        assertThat(escalated).isEqualTo(1);
    }

    /** Tasks of a month no other test uses, each in the state one rule looks at. */
    private record Month(String period, String red, String yellow, String unreported, String green, String urgedOpen,
            String stillLagging, String stillLaggingUrging, String improved) {
    }

    private Month month(String period) {
        String lead = TestAccounts.homeUnit();
        SlipFixtures fixtures = fixtures();
        String leader = leaderId();
        String red = SlipFixtures.task(lead, leader);
        fixtures.figure(red, period, 50, 25, "RED");
        String yellow = SlipFixtures.task(lead, leader);
        fixtures.figure(yellow, period, 50, 38, "YELLOW");
        String unreported = SlipFixtures.task(lead, leader);
        fixtures.figure(unreported, period, 50, 45, "NOT_REPORTED");
        String green = SlipFixtures.task(lead, leader);
        fixtures.figure(green, period, 50, 49, "GREEN");
        String urgedOpen = fixtures.redTask(lead, leader);
        SlipFixtures.issuedUrging(urgedOpen);
        fixtures.figure(urgedOpen, period, 50, 20, "RED");
        SlipFixtures.Urged still = fixtures.urgedAndStillLagging(lead, leader);
        fixtures.figure(still.taskId(), period, 70, 35, "RED");
        SlipFixtures.Urged improved = fixtures.urgedAndStillLagging(lead, leader);
        fixtures.figure(improved.taskId(), period, 70, 60, "GREEN");
        return new Month(period, red, yellow, unreported, green, urgedOpen, still.taskId(), still.urgingSlipId(),
                improved.taskId());
    }

    private static JsonPath proposals(String period) {
        return as("OFFICE").queryParam("period", period).queryParam("size", 200).get("/api/v1/slips/proposals").then()
                .statusCode(200).extract().jsonPath();
    }

    @Test
    void r8_r9_the_month_s_proposals_urge_red_and_unreported_tasks_and_escalate_urging_that_brought_no_progress() {
        Month month = month("2093-07");
        JsonPath found = proposals(month.period());
        assertThat(found.getList("items.taskId")).containsExactlyInAnyOrder(month.red(), month.unreported(),
                month.stillLagging());
        assertThat(found.getString("items.find { it.taskId == '" + month.red() + "' }.rule")).isEqualTo("R8_RED");
        assertThat(found.getString("items.find { it.taskId == '" + month.red() + "' }.requirements")).contains("25",
                "2093年7月");
        assertThat(found.getString("items.find { it.taskId == '" + month.unreported() + "' }.rule"))
                .isEqualTo("R8_NOT_REPORTED");
        assertThat(found.getString("items.find { it.taskId == '" + month.stillLagging() + "' }.type")).isEqualTo("SUPERVISION");
        assertThat(found.getString("items.find { it.taskId == '" + month.stillLagging() + "' }.basisSlipId"))
                .isEqualTo(month.stillLaggingUrging());
        assertThat(found.getList("items.evidence.months")).allSatisfy(months -> assertThat((List<?>) months).isNotEmpty());
        assertThat(found.getList("items.slipId")).containsOnlyNulls();
        asUnit("UNIT_LIAISON", TestAccounts.homeUnit()).queryParam("period", month.period()).get("/api/v1/slips/proposals")
                .then().statusCode(403);
        as("LEADER").queryParam("period", month.period()).post("/api/v1/slips/proposals").then().statusCode(403);

        JsonPath drafted = as("OFFICE").queryParam("period", month.period()).post("/api/v1/slips/proposals").then()
                .statusCode(200).body("drafted", equalTo(3)).body("existing", equalTo(0)).extract().jsonPath();
        assertThat(drafted.getList("items.status")).containsOnly("DRAFT");
        as("OFFICE").queryParam("period", month.period()).post("/api/v1/slips/proposals").then().statusCode(200)
                .body("drafted", equalTo(0)).body("existing", equalTo(3));
        JsonPath after = proposals(month.period());
        assertThat(after.getList("items.slipId")).doesNotContainNull()
                .containsExactlyInAnyOrderElementsOf(drafted.getList("items.slipId"));
        String orderId = drafted.getString("items.find { it.type == 'SUPERVISION' }.slipId");
        as("OFFICE").get("/api/v1/slips/" + orderId).then().statusCode(200).body("rule", equalTo("R9"))
                .body("proposalPeriod", equalTo(month.period())).body("basisSlipId", equalTo(month.stillLaggingUrging()))
                .body("requirements", containsString("督办"));
        long events = database.preparedQuery("SELECT count(*) FROM domain_event WHERE type = 'slip.drafted' AND period = $1")
                .execute(Tuple.of(month.period())).await().indefinitely().iterator().next().getLong(0);
        assertThat(events).isEqualTo(3);
    }

    @Test
    void r9_drafting_proposals_concurrently_drafts_each_once_and_can_send_orders_straight_to_the_leader() throws Exception {
        Month month = month("2093-09");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.submit(() -> as("OFFICE").queryParam("period", month.period())
                        .queryParam("submitForApproval", true).post("/api/v1/slips/proposals").then().statusCode(200)
                        .extract().<Integer>path("drafted")));
            }
            int total = 0;
            for (Future<Integer> call : calls) {
                total += call.get();
            }
            assertThat(total).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        long slips = database.preparedQuery("SELECT count(*) FROM slip WHERE proposal_period = $1")
                .execute(Tuple.of(month.period())).await().indefinitely().iterator().next().getLong(0);
        assertThat(slips).isEqualTo(3);
        JsonPath found = proposals(month.period());
        String orderId = found.getString("items.find { it.type == 'SUPERVISION' }.slipId");
        Response order = as("OFFICE").get("/api/v1/slips/" + orderId).then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL")).body("moves[0].action", equalTo("SUBMIT_FOR_APPROVAL"))
                .extract().response();
        order = ok(move(as("LEADER"), order, Map.of("action", "APPROVE", "comment", "同意")));
        ok(move(as("OFFICE"), order, Map.of("action", "ISSUE"))).then().body("status", equalTo("ISSUED"));
        as("OFFICE").get("/api/v1/slips/" + month.stillLaggingUrging()).then().body("status", equalTo("ESCALATED"));
        assertThat(proposals(month.period()).getList("items.type")).doesNotContain("SUPERVISION");
    }
}
