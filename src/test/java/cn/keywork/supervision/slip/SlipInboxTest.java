package cn.keywork.supervision.slip;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;

/** R8, R9: the inbox shows what awaits the caller's move, and nothing else. */
@QuarkusTest
class SlipInboxTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = SlipFixtures.TODAY;

    @jakarta.inject.Inject
    Pool database;

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    private static String unit(String name) {
        return Units.registerId("INBOX-" + UUID.randomUUID().toString().substring(0, 6), name);
    }

    private static Response assignment(String taskId, int days, List<String> copies) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "ASSIGNMENT", "taskId", taskId, "requirements", "请按期办理",
                "responseDeadline", TODAY.plusDays(days).toString()));
        if (!copies.isEmpty()) {
            body.put("copyToUnitIds", copies);
        }
        return as("OFFICE").body(body).post("/api/v1/slips").then().statusCode(201).extract().response();
    }

    private static Response move(RequestSpecification who, Response slip, Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body)
                .post("/api/v1/slips/" + slip.path("id") + "/transitions").then().statusCode(200).extract().response();
    }

    private static Response issued(String taskId, int days) {
        return move(as("OFFICE"), assignment(taskId, days, List.of()), Map.of("action", "ISSUE"));
    }

    private static Map<String, String> inbox(RequestSpecification who) {
        Response page = who.queryParam("size", 200).get("/api/v1/slips/inbox").then().statusCode(200).extract().response();
        Map<String, String> awaiting = new java.util.LinkedHashMap<>();
        List<String> ids = page.path("items.id");
        List<String> moves = page.path("items.awaiting");
        for (int i = 0; i < ids.size(); i++) {
            awaiting.put(ids.get(i), moves.get(i));
        }
        assertThat(page.<Integer>path("total")).isEqualTo(ids.size());
        return awaiting;
    }

    @Test
    void r8_a_unit_s_inbox_holds_the_slips_addressed_to_it_awaiting_its_signature_or_answer_and_nothing_else() {
        String mine = unit("收件单位");
        String other = unit("别的单位");
        String myTask = SlipFixtures.task(mine, null);
        String otherTask = SlipFixtures.task(other, null);

        Response toSign = issued(myTask, 10);
        Response toAnswer = move(asUnit("UNIT_HEAD", mine), issued(myTask, 5), Map.of("action", "ACKNOWLEDGE"));
        Response answered = move(asUnit("UNIT_LIAISON", mine), move(asUnit("UNIT_LIAISON", mine), issued(myTask, 7),
                Map.of("action", "ACKNOWLEDGE")), Map.of("action", "RESPOND", "comment", "已办理"));
        Response draft = assignment(myTask, 3, List.of());
        Response copied = move(as("OFFICE"), assignment(otherTask, 4, List.of(mine)), Map.of("action", "ISSUE"));
        Response withdrawn = move(as("OFFICE"), issued(myTask, 6), Map.of("action", "WITHDRAW", "comment", "任务已调整"));

        Map<String, String> box = inbox(asUnit("UNIT_LIAISON", mine));
        assertThat(box).containsExactly(Map.entry(toAnswer.path("id"), "RESPOND"), Map.entry(toSign.path("id"), "ACKNOWLEDGE"));
        assertThat(box).doesNotContainKeys(answered.path("id"), draft.path("id"), copied.path("id"), withdrawn.path("id"));
        assertThat(inbox(asUnit("UNIT_HEAD", mine))).isEqualTo(box);
        assertThat(inbox(asUnit("UNIT_LIAISON", other))).containsOnlyKeys(copied.<String>path("id"));

        // a returned response awaits the unit's answer again
        move(as("OFFICE"), answered, Map.of("action", "RETURN_RESPONSE", "comment", "不具体"));
        assertThat(inbox(asUnit("UNIT_LIAISON", mine))).containsEntry(answered.path("id"), "RESPOND").hasSize(3);
    }

    @Test
    void r8_overdue_slips_come_first_then_by_response_deadline_then_newest() {
        String mine = unit("排序单位");
        String taskId = SlipFixtures.task(mine, null);
        Response later = issued(taskId, 10);
        Response sooner = move(asUnit("UNIT_LIAISON", mine), issued(taskId, 5), Map.of("action", "ACKNOWLEDGE"));
        Response middle = move(asUnit("UNIT_LIAISON", mine), issued(taskId, 7), Map.of("action", "ACKNOWLEDGE"));
        assertThat(inbox(asUnit("UNIT_LIAISON", mine)).keySet()).containsExactly(sooner.path("id"), middle.path("id"),
                later.path("id"));
        // 49 hours on, the slip still not signed for is overdue and leads
        QuarkusMock.installMockForType(Clock.offset(Clock.system(CITY), Duration.ofHours(49)), Clock.class);
        Response page = asUnit("UNIT_LIAISON", mine).get("/api/v1/slips/inbox").then().statusCode(200).extract().response();
        assertThat(page.<List<String>>path("items.id")).containsExactly(later.path("id"), sooner.path("id"), middle.path("id"));
        assertThat(page.<List<Boolean>>path("items.overdue")).containsExactly(true, false, false);
        asUnit("UNIT_LIAISON", mine).queryParam("size", 1).queryParam("page", 2).get("/api/v1/slips/inbox").then()
                .statusCode(200).body("items.id", org.hamcrest.Matchers.contains(sooner.<String>path("id")))
                .body("total", org.hamcrest.Matchers.equalTo(3));
    }

    @Test
    void r9_a_leader_s_inbox_holds_the_supervision_orders_pending_its_approval_as_leader_in_charge() {
        String lead = unit("督办单位");
        String username = "t-inbox-leader-" + UUID.randomUUID().toString().substring(0, 6);
        String leaderId = TestAccounts.createAccount(username, "LEADER", null);
        String token = TestAccounts.activate(username);
        java.util.function.Supplier<RequestSpecification> leader = () -> Api.anonymous().auth().oauth2(token);
        SlipFixtures.Urged urged = new SlipFixtures(database).urgedAndStillLagging(lead, leaderId);
        Response order = as("OFFICE").body(Map.of("type", "SUPERVISION", "taskId", urged.taskId(), "requirements", "督办要求",
                "responseDeadline", TODAY.plusDays(15).toString())).post("/api/v1/slips").then().statusCode(201).extract()
                .response();
        assertThat(inbox(leader.get())).doesNotContainKey(order.path("id")); // a draft awaits the office
        order = move(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL"));
        assertThat(inbox(leader.get())).containsExactly(Map.entry(order.path("id"), "APPROVE"));
        // the urging slip awaits the lead unit's signature, not the leader's
        assertThat(inbox(asUnit("UNIT_LIAISON", lead))).containsExactly(Map.entry(urged.urgingSlipId(), "ACKNOWLEDGE"));
        assertThat(inbox(as("LEADER"))).doesNotContainKey(order.path("id"));
        move(leader.get(), order, Map.of("action", "APPROVE", "comment", "同意督办"));
        assertThat(inbox(leader.get())).isEmpty();
    }

    @Test
    void r9_the_inbox_is_for_units_and_leaders_only() {
        as("OFFICE").get("/api/v1/slips/inbox").then().statusCode(403);
        as("ASSESSMENT").get("/api/v1/slips/inbox").then().statusCode(403);
        Api.anonymous().get("/api/v1/slips/inbox").then().statusCode(401);
    }
}
