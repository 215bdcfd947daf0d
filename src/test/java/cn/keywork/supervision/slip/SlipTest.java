package cn.keywork.supervision.slip;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** R7–R9: slips through the API — who moves them, numbering, copies and the evidence. */
@QuarkusTest
class SlipTest {

    @jakarta.inject.Inject
    Pool database;

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private static String leaderId() {
        return as("LEADER").get("/api/v1/me").then().statusCode(200).extract().path("id");
    }

    /** A task RED in the latest closed month, so that urging slips may be drafted for it (R8). */
    private String task(String lead, String leader) {
        return new SlipFixtures(database).redTask(lead, leader);
    }

    /** A task urged in vain, so that a supervision order may be drafted for it (R9). */
    private String urgedTask(String lead, String leader) {
        return new SlipFixtures(database).urgedAndStillLagging(lead, leader).taskId();
    }

    private static Response draft(String type, String taskId) {
        return as("OFFICE").body(Map.of("type", type, "taskId", taskId, "requirements", "请报送整改措施",
                "responseDeadline", TODAY.plusDays(10).toString())).post("/api/v1/slips").then().statusCode(201)
                .extract().response();
    }

    private static Response move(io.restassured.specification.RequestSpecification who, Response slip,
            Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body)
                .post("/api/v1/slips/" + slip.path("id") + "/transitions");
    }

    @Test
    void r9_a_supervision_order_is_approved_by_the_task_s_leader_in_charge_only_and_then_issued_by_the_office() {
        String lead = TestAccounts.homeUnit();
        String taskId = urgedTask(lead, leaderId());
        Response slip = draft("SUPERVISION", taskId);
        slip = move(as("OFFICE"), slip, Map.of("action", "SUBMIT_FOR_APPROVAL")).then().statusCode(200)
                .body("status", equalTo("PENDING_APPROVAL")).extract().response();
        String otherLeader = TestAccounts.createAccount("t-leader2-" + java.util.UUID.randomUUID().toString().substring(0, 6),
                "LEADER", null);
        assertThat(otherLeader).isNotNull();
        move(as("OFFICE"), slip, Map.of("action", "APPROVE", "comment", "同意")).then().statusCode(403);
        move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "APPROVE", "comment", "同意")).then().statusCode(403);
        move(as("LEADER"), slip, Map.of("action", "APPROVE")).then().statusCode(400);
        slip = move(as("LEADER"), slip, Map.of("action", "APPROVE", "comment", "同意督办")).then().statusCode(200)
                .body("status", equalTo("APPROVED")).body("number", nullValue())
                .body("moves.action", contains("SUBMIT_FOR_APPROVAL", "APPROVE")).extract().response();
        move(as("LEADER"), slip, Map.of("action", "ISSUE")).then().statusCode(403);
        move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "ISSUE")).then().statusCode(403);
        move(as("OFFICE"), slip, Map.of("action", "ISSUE")).then().statusCode(200).body("status", equalTo("ISSUED"))
                .body("number", org.hamcrest.Matchers.matchesPattern("督办〔" + TODAY.getYear() + "〕[1-9][0-9]*号"));
    }

    @Test
    void r9_a_task_without_a_leader_in_charge_has_no_leader_who_may_approve_its_supervision_order() {
        Response slip = draft("SUPERVISION", urgedTask(TestAccounts.homeUnit(), null));
        slip = move(as("OFFICE"), slip, Map.of("action", "SUBMIT_FOR_APPROVAL")).then().statusCode(200).extract().response();
        move(as("LEADER"), slip, Map.of("action", "APPROVE", "comment", "同意")).then().statusCode(403);
    }

    @Test
    void r8_only_a_target_unit_signs_for_and_answers_and_closing_needs_an_accepted_response() {
        String lead = TestAccounts.homeUnit();
        String otherUnit = Units.registerId("OTHER-" + java.util.UUID.randomUUID().toString().substring(0, 6), "别的单位");
        Response slip = draft("URGING", task(lead, null));
        slip = move(as("OFFICE"), slip, Map.of("action", "ISSUE")).then().statusCode(200).extract().response();
        // another unit does not even see the slip
        move(asUnit("UNIT_LIAISON", otherUnit), slip, Map.of("action", "ACKNOWLEDGE")).then().statusCode(404);
        move(as("OFFICE"), slip, Map.of("action", "ACKNOWLEDGE")).then().statusCode(403);
        slip = move(asUnit("UNIT_HEAD", lead), slip, Map.of("action", "ACKNOWLEDGE")).then().statusCode(200).extract().response();
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "RESPOND", "comment", "已制定整改措施")).then()
                .statusCode(200).body("responses[0].text", equalTo("已制定整改措施")).extract().response();
        move(as("OFFICE"), slip, Map.of("action", "CLOSE", "outcome", "RESOLVED")).then().statusCode(409)
                .body("detail", containsString("ACCEPT_RESPONSE, ESCALATE, RETURN_RESPONSE"));
        slip = move(as("OFFICE"), slip, Map.of("action", "RETURN_RESPONSE", "comment", "措施不具体")).then().statusCode(200)
                .body("status", equalTo("ACKNOWLEDGED")).body("responses[0].decision", equalTo("RETURNED"))
                .extract().response();
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "RESPOND", "comment", "补充了时间表")).then()
                .statusCode(200).extract().response();
        slip = move(as("OFFICE"), slip, Map.of("action", "ACCEPT_RESPONSE")).then().statusCode(200)
                .body("responseAccepted", equalTo(true)).extract().response();
        move(as("OFFICE"), slip, Map.of("action", "CLOSE")).then().statusCode(400);
        move(as("OFFICE"), slip, Map.of("action", "CLOSE", "outcome", "UNRESOLVED")).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("outcome", equalTo("UNRESOLVED"))
                .body("moves.action", contains("ISSUE", "ACKNOWLEDGE", "RESPOND", "RETURN_RESPONSE", "RESPOND",
                        "ACCEPT_RESPONSE", "CLOSE"));
    }

    @Test
    void r9_supervision_orders_are_copied_to_the_assessment_and_leading_group_offices_and_to_no_other_unit() {
        String lead = TestAccounts.homeUnit();
        String otherUnit = Units.registerId("COPY-" + java.util.UUID.randomUUID().toString().substring(0, 6), "抄送单位");
        String stranger = Units.registerId("NONE-" + java.util.UUID.randomUUID().toString().substring(0, 6), "无关单位");
        SlipFixtures.Urged urged = new SlipFixtures(database).urgedAndStillLagging(lead, leaderId());
        String taskId = urged.taskId();
        Response order = as("OFFICE").body(Map.of("type", "SUPERVISION", "taskId", taskId, "requirements", "督办要求",
                "responseDeadline", TODAY.plusDays(10).toString(), "copyToUnitIds", List.of(otherUnit)))
                .post("/api/v1/slips").then().statusCode(201).body("copyToUnitIds", contains(otherUnit)).extract().response();
        Response urging = as("OFFICE").get("/api/v1/slips/" + urged.urgingSlipId()).then().statusCode(200).extract().response();
        String path = "/api/v1/slips/" + order.path("id");
        as("ASSESSMENT").get(path).then().statusCode(404); // not before it is issued
        order = move(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL")).then().statusCode(200).extract().response();
        order = move(as("LEADER"), order, Map.of("action", "APPROVE", "comment", "同意")).then().statusCode(200).extract().response();
        move(as("OFFICE"), order, Map.of("action", "ISSUE")).then().statusCode(200);
        as("ASSESSMENT").get(path).then().statusCode(200);
        as("LEADING_GROUP").get(path).then().statusCode(200);
        asUnit("UNIT_LIAISON", otherUnit).get(path).then().statusCode(200);
        asUnit("UNIT_LIAISON", lead).get(path).then().statusCode(200);
        asUnit("UNIT_LIAISON", stranger).get(path).then().statusCode(404);
        as("ASSESSMENT").get("/api/v1/slips/" + urging.path("id")).then().statusCode(404);
        as("ASSESSMENT").queryParam("taskId", taskId).get("/api/v1/slips").then().statusCode(200)
                .body("items.type", contains("SUPERVISION"));
        asUnit("UNIT_LIAISON", stranger).queryParam("taskId", taskId).get("/api/v1/slips").then().statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void r9_the_evidence_is_snapshotted_when_drafted_with_the_earlier_slips_and_their_outcomes() {
        String taskId = task(TestAccounts.homeUnit(), null);
        Response first = move(as("OFFICE"), draft("URGING", taskId), Map.of("action", "ISSUE")).then().statusCode(200)
                .extract().response();
        String firstNumber = first.path("number");
        Response second = draft("URGING", taskId);
        assertThat(second.<String>path("evidence.takenAt")).isNotNull();
        assertThat(second.<List<Object>>path("evidence.months")).isNotNull();
        assertThat(second.<List<Object>>path("evidence.reports")).isNotNull();
        assertThat(second.<List<String>>path("evidence.earlierSlips.number")).containsExactly(firstNumber);
        assertThat(second.<String>path("number")).isNull();
        assertThat(second.<Boolean>path("overdue")).isFalse();
    }

    @Test
    void r7_only_a_draft_changes_and_unknown_units_or_a_past_deadline_are_refused() {
        String taskId = task(TestAccounts.homeUnit(), null);
        Map<String, Object> body = new HashMap<>(Map.of("type", "ASSIGNMENT", "taskId", taskId, "requirements", "交办要求",
                "responseDeadline", TODAY.minusDays(1).toString()));
        as("OFFICE").body(body).post("/api/v1/slips").then().statusCode(400).body("errors[0].field", equalTo("responseDeadline"));
        body.put("responseDeadline", TODAY.plusDays(5).toString());
        body.put("targetUnitIds", List.of(java.util.UUID.randomUUID().toString()));
        as("OFFICE").body(body).post("/api/v1/slips").then().statusCode(400).body("errors[0].field", equalTo("targetUnitIds"));
        body.remove("targetUnitIds");
        body.put("override", Map.of("reason", "现场发现进度滞后"));
        Response slip = as("OFFICE").body(body).post("/api/v1/slips").then().statusCode(201)
                .body("override.reason", equalTo("现场发现进度滞后")).body("targetUnitIds", hasItem(TestAccounts.homeUnit()))
                .extract().response();
        slip = move(as("OFFICE"), slip, Map.of("action", "ISSUE")).then().statusCode(200)
                .body("number", org.hamcrest.Matchers.startsWith("督交〔")).extract().response();
        as("OFFICE").header("If-Match", slip.header("ETag")).body(body).put("/api/v1/slips/" + slip.path("id")).then()
                .statusCode(409);
        move(as("OFFICE"), slip, Map.of("action", "WITHDRAW")).then().statusCode(400);
        move(as("OFFICE"), slip, Map.of("action", "WITHDRAW", "comment", "任务已调整")).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("number", notNullValue())
                .body("moves.comment", hasItem("任务已调整")).body("status", not(equalTo("ISSUED")));
    }

    @Test
    void r8_twenty_concurrent_issues_get_unique_gapless_numbers() throws Exception {
        String taskId = task(TestAccounts.homeUnit(), null);
        List<Response> drafts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            drafts.add(draft("URGING", taskId));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<String>> issued = new ArrayList<>();
            for (Response draft : drafts) {
                issued.add(pool.submit(() -> move(as("OFFICE"), draft, Map.of("action", "ISSUE")).then().statusCode(200)
                        .extract().<String>path("number")));
            }
            List<Integer> serials = new ArrayList<>();
            Pattern number = Pattern.compile("督催〔" + TODAY.getYear() + "〕([0-9]+)号");
            for (Future<String> future : issued) {
                Matcher matcher = number.matcher(future.get());
                assertThat(matcher.matches()).as(future.get()).isTrue();
                serials.add(Integer.parseInt(matcher.group(1)));
            }
            serials.sort(Integer::compareTo);
            assertThat(serials).doesNotHaveDuplicates().hasSize(20);
            assertThat(serials.get(19) - serials.get(0)).isEqualTo(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void r9_a_slip_not_acknowledged_in_time_or_without_an_accepted_response_by_its_deadline_is_overdue() {
        String lead = TestAccounts.homeUnit();
        String taskId = task(lead, null);
        Response slip = move(as("OFFICE"), draft("URGING", taskId), Map.of("action", "ISSUE")).then().statusCode(200)
                .body("overdue", equalTo(false)).extract().response();
        String path = "/api/v1/slips/" + slip.path("id");
        ZoneId city = ZoneId.of("Asia/Shanghai");
        QuarkusMock.installMockForType(Clock.offset(Clock.system(city), Duration.ofHours(49)), Clock.class);
        as("OFFICE").get(path).then().statusCode(200).body("overdue", equalTo(true));
        as("OFFICE").queryParam("taskId", taskId).queryParam("overdue", true).get("/api/v1/slips").then().statusCode(200)
                .body("total", equalTo(1));
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "ACKNOWLEDGE")).then().statusCode(200)
                .body("overdue", equalTo(false)).extract().response();
        QuarkusMock.installMockForType(Clock.offset(Clock.system(city), Duration.ofDays(11)), Clock.class);
        as("OFFICE").get(path).then().statusCode(200).body("overdue", equalTo(true));
        as("OFFICE").queryParam("taskId", taskId).queryParam("overdue", false).get("/api/v1/slips").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void r9_every_move_is_audited_and_the_slip_events_are_logged_without_personal_data() {
        String lead = TestAccounts.homeUnit();
        Response slip = draft("URGING", task(lead, null));
        String id = slip.path("id");
        slip = move(as("OFFICE"), slip, Map.of("action", "ISSUE")).then().statusCode(200).extract().response();
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "ACKNOWLEDGE")).then().statusCode(200)
                .extract().response();
        slip = move(asUnit("UNIT_LIAISON", lead), slip, Map.of("action", "RESPOND", "comment", "已整改")).then()
                .statusCode(200).extract().response();
        slip = move(as("OFFICE"), slip, Map.of("action", "RETURN_RESPONSE", "comment", "不具体")).then().statusCode(200)
                .extract().response();
        List<String> events = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        database.preparedQuery("SELECT type, payload::text, unit_ids FROM domain_event WHERE object_type = 'Slip'"
                + " AND object_id = $1 ORDER BY seq").execute(Tuple.of(id)).await().indefinitely().forEach(row -> {
                    events.add(row.getString(0));
                    payloads.add(row.getString(1));
                    assertThat(java.util.Arrays.asList(row.getArrayOfUUIDs(2))).containsExactly(java.util.UUID.fromString(lead));
                });
        assertThat(events).containsExactly("slip.drafted", "slip.issued", "slip.acknowledged", "slip.responded",
                "slip.returned");
        assertThat(String.join(" ", payloads)).contains("督催〔").doesNotContain("t-office", "t-unit", "已整改");
        List<String> audited = new ArrayList<>();
        database.preparedQuery("SELECT action FROM audit_event WHERE object_type = 'Slip' AND object_id = $1 ORDER BY id")
                .execute(Tuple.of(id)).await().indefinitely().forEach(row -> audited.add(row.getString(0)));
        assertThat(audited).containsExactly("SLIP_DRAFTED", "SLIP_ISSUE", "SLIP_ACKNOWLEDGE", "SLIP_RESPOND",
                "SLIP_RETURN_RESPONSE");
    }
}
