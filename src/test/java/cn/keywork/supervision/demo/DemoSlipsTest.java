package cn.keywork.supervision.demo;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.platform.ExternalDatabaseTest;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A demo start (R6–R10): urging slips issued last month on the month before's figures, their fates
 * read from last month's closed ledger (R9's timeline), problems and a joint meeting.
 */
@QuarkusTest
@TestProfile(ExternalDatabaseTest.Configured.class)
class DemoSlipsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final YearMonth LAST = YearMonth.now(ZONE).minusMonths(1);
    private static final YearMonth PREVIOUS = LAST.minusMonths(1);
    private static final LocalDate TODAY = LocalDate.now(ZONE);
    private static final int YEAR = TODAY.getYear();

    private static final Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A fresh request (specifications keep what is added to them) by a demo account. */
    private static RequestSpecification as(String username) {
        String token = TOKENS.computeIfAbsent(username, name -> TestAccounts.signIn(name, "Demo-Password-2026").then()
                .statusCode(200).extract().path("accessToken"));
        return anonymous().auth().oauth2(token);
    }

    /**
     * The urging slips rest on the month before the closed one, in this year: none in January or
     * February. No day-of-month guard: those slips are issued on the third day of the closed month
     * with ten days to answer, so on any day of this month their deadlines have passed.
     */
    private static void assumeDemoMonth() {
        assumeTrue(LAST.getMonthValue() != 12, "in January the year has no month behind it yet");
        assumeTrue(LAST.getMonthValue() != 1, "in February the closed month has no month before it in the year");
    }

    private static List<Map<String, Object>> urging(RequestSpecification who) {
        return who.queryParam("type", "URGING").queryParam("size", 100).get("/api/v1/slips").then().statusCode(200)
                .extract().path("items");
    }

    private static int serial(Object number) {
        String text = (String) number;
        assertThat(text).startsWith("督催〔" + YEAR + "〕").endsWith("号");
        return Integer.parseInt(text.substring(("督催〔" + YEAR + "〕").length(), text.length() - 1));
    }

    @Test
    void r8_the_demo_urged_every_task_red_the_month_before_last_month_numbered_without_gaps_and_a_new_urging_slip_takes_the_next_number() {
        assumeDemoMonth();
        List<Map<String, Object>> slips = urging(as("office"));
        assertThat(slips).isNotEmpty();
        List<Integer> serials = slips.stream().map(slip -> serial(slip.get("number"))).sorted().toList();
        assertThat(serials).isEqualTo(IntStream.rangeClosed(1, serials.size()).boxed().toList());
        assertThat(slips).extracting(slip -> slip.get("status")).contains("CLOSED", "RESPONDED", "ISSUED", "ACKNOWLEDGED");
        // Past their deadlines, the answered ones awaiting the office had their response accepted in time: not overdue.
        assertThat(slips).filteredOn(slip -> "RESPONDED".equals(slip.get("status"))).allSatisfy(slip -> assertThat(slip)
                .containsEntry("responseAccepted", true).containsEntry("overdue", false));

        // All but the last were issued during the closed month on the month before's figures, for a task red then;
        // the last this month on the closed month's figures, for a task red in it and not before.
        List<String> previousRed = new java.util.ArrayList<>();
        for (Map<String, Object> slip : slips) {
            boolean latest = serial(slip.get("number")) == serials.size();
            LocalDate issued = OffsetDateTime.parse((String) slip.get("issuedAt")).atZoneSameInstant(ZONE).toLocalDate();
            Response detail = as("office").get("/api/v1/slips/" + slip.get("id")).then().statusCode(200)
                    .body("evidence.months[0].period", equalTo((latest ? LAST : PREVIOUS).toString()))
                    .body("evidence.months[0].light", equalTo("RED"))
                    .extract().response();
            if (latest) {
                assertThat(slip).containsEntry("status", "ISSUED").containsEntry("overdue", false);
                assertThat(issued).isAfter(LAST.atEndOfMonth()).isBeforeOrEqualTo(TODAY);
                assertThat(LocalDate.parse((String) slip.get("responseDeadline"))).isAfter(TODAY);
            } else {
                previousRed.add((String) slip.get("taskId"));
                assertThat(issued).isAfter(PREVIOUS.atEndOfMonth()).isBeforeOrEqualTo(LAST.atEndOfMonth());
                assertThat(LocalDate.parse((String) slip.get("responseDeadline"))).isBefore(TODAY);
            }
            assertThat((String) detail.path("requirements"))
                    .contains((latest ? LAST : PREVIOUS).getMonthValue() + "月计划进度", "亮红灯");
        }

        // Every task red in the month before the closed one was urged on it, and no other.
        List<String> tasks = as("office").queryParam("year", YEAR).queryParam("size", 100).get("/api/v1/tasks").then()
                .statusCode(200).extract().path("items.id");
        List<String> red = tasks.stream().filter(task -> "RED".equals(as("office").get("/api/v1/tasks/" + task + "/progress-history")
                .then().statusCode(200).extract().path("months.find { it.period == '" + PREVIOUS + "' }.light"))).toList();
        assertThat(previousRed).containsExactlyInAnyOrderElementsOf(red);
        Response ledger = as("office").queryParam("size", 100).get("/api/v1/ledgers/" + LAST).then().statusCode(200).extract().response();

        // A closed one: every move in order with its time, the accepted response, the version one past the moves.
        Map<String, Object> closed = slips.stream().filter(slip -> "CLOSED".equals(slip.get("status"))).findFirst().orElseThrow();
        Response detail = as("office").get("/api/v1/slips/" + closed.get("id")).then().statusCode(200)
                .body("moves.action", equalTo(List.of("ISSUE", "ACKNOWLEDGE", "RESPOND", "ACCEPT_RESPONSE", "CLOSE")))
                .body("responses[0].decision", equalTo("ACCEPTED"))
                .body("outcome", equalTo("RESOLVED"))
                .body("responseAccepted", equalTo(true))
                .body("version", equalTo(6))
                .body("evidence.months.size()", equalTo(3))
                .body("evidence.months[0].period", equalTo(PREVIOUS.toString()))
                .body("evidence.months[0].light", equalTo("RED"))
                .body("evidence.earlierSlips.size()", equalTo(0))
                .extract().response();
        assertThat((String) detail.path("requirements")).contains("滞后序时进度", "亮红灯");
        assertThat(detail.<List<String>>path("moves.by")).element(0).isEqualTo("office");
        assertThat((String) detail.path("moves.by[1]")).startsWith("liaison-");
        assertThat((String) detail.path("moves.by[4]")).isEqualTo("office");
        List<OffsetDateTime> times = detail.<List<String>>path("moves.at").stream().map(OffsetDateTime::parse).toList();
        assertThat(times).isSorted();
        assertThat(times.get(times.size() - 1)).isBefore(OffsetDateTime.now());
        assertThat(OffsetDateTime.parse(detail.path("evidence.takenAt"))).isBefore(times.get(0));

        // The next urging slip the office issues takes the next number.
        String yellow = ledger.path("items.find { it.light == 'YELLOW' }.taskId");
        Response draft = as("office").body(Map.of("type", "URGING", "taskId", yellow, "requirements", "请立即采取措施赶上序时进度",
                "responseDeadline", TODAY.plusDays(10).toString())).post("/api/v1/slips").then().statusCode(201)
                .extract().response();
        as("office").header("If-Match", draft.header("ETag")).body(Map.of("action", "ISSUE"))
                .post("/api/v1/slips/" + draft.path("id") + "/transitions").then().statusCode(200)
                .body("number", equalTo("督催〔" + YEAR + "〕" + (serials.size() + 1) + "号"));
    }

    @Test
    void r9_exactly_one_demo_urging_slip_is_past_its_deadline_and_its_task_is_still_red_and_no_better() {
        assumeDemoMonth();
        List<Map<String, Object>> overdue = as("office").queryParam("overdue", true).queryParam("size", 100).get("/api/v1/slips")
                .then().statusCode(200).extract().path("items");
        assertThat(overdue).hasSize(1);
        Map<String, Object> slip = overdue.get(0);
        assertThat(slip).containsEntry("type", "URGING").containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("overdue", true).containsEntry("responseAccepted", false);
        assertThat(LocalDate.parse((String) slip.get("responseDeadline"))).isBefore(TODAY);
        Response detail = as("office").get("/api/v1/slips/" + slip.get("id")).then().statusCode(200)
                .body("version", equalTo(3))
                .body("moves.action", equalTo(List.of("ISSUE", "ACKNOWLEDGE")))
                .body("evidence.months[0].period", equalTo(PREVIOUS.toString()))
                .body("evidence.months[0].light", equalTo("RED"))
                .extract().response();
        assertThat(OffsetDateTime.parse((String) slip.get("issuedAt")).atZoneSameInstant(ZONE).toLocalDate())
                .isAfter(PREVIOUS.atEndOfMonth()).isBeforeOrEqualTo(LAST.atEndOfMonth());
        float lagAtIssue = detail.path("evidence.months[0].lag");
        Response ledger = as("office").queryParam("size", 100).get("/api/v1/ledgers/" + LAST).then().statusCode(200).extract().response();
        Map<String, Object> row = ledger.path("items.find { it.taskId == '" + slip.get("taskId") + "' }");
        assertThat(row).containsEntry("light", "RED");
        assertThat(((Number) row.get("lag")).floatValue()).isGreaterThanOrEqualTo(lagAtIssue);
    }

    @Test
    void r9_the_demo_proposals_of_the_closed_month_hold_exactly_one_supervision_order_for_the_overdue_slips_task() {
        assumeDemoMonth();
        List<Map<String, Object>> overdue = as("office").queryParam("overdue", true).queryParam("type", "URGING")
                .get("/api/v1/slips").then().statusCode(200).extract().path("items");
        assertThat(overdue).hasSize(1);
        Map<String, Object> urging = overdue.get(0);
        List<Map<String, Object>> proposals = as("office").queryParam("period", LAST.toString()).queryParam("size", 200)
                .get("/api/v1/slips/proposals").then().statusCode(200).extract().path("items");
        List<Map<String, Object>> orders = proposals.stream().filter(proposal -> "SUPERVISION".equals(proposal.get("type")))
                .toList();
        assertThat(orders).singleElement().satisfies(proposal -> assertThat(proposal).containsEntry("rule", "R9")
                .containsEntry("taskId", urging.get("taskId")).containsEntry("basisSlipId", urging.get("id"))
                .containsEntry("basisSlipNumber", urging.get("number")));
        // No urging slip is proposed for a task the demo urged already.
        assertThat(proposals).noneSatisfy(proposal -> assertThat(proposal).containsEntry("type", "URGING")
                .containsEntry("taskId", urging.get("taskId")));

        // And the office may draft the order right away: R9 holds.
        as("office").body(Map.of("type", "SUPERVISION", "taskId", urging.get("taskId"), "requirements", "请于限期内整改到位",
                "responseDeadline", TODAY.plusDays(10).toString())).post("/api/v1/slips").then().statusCode(201)
                .body("status", equalTo("DRAFT"));
    }

    @Test
    void r8_a_lead_unit_sees_the_demo_slips_addressed_to_it_and_no_others() {
        assumeDemoMonth();
        List<Map<String, Object>> all = urging(as("office"));
        @SuppressWarnings("unchecked")
        String unitId = ((List<String>) all.get(0).get("targetUnitIds")).get(0);
        String code = as("office").get("/api/v1/units/" + unitId).then().statusCode(200).extract().path("code");
        List<Map<String, Object>> own = urging(as("liaison-" + code.toLowerCase(java.util.Locale.ROOT)));
        long addressed = all.stream().filter(slip -> ((List<?>) slip.get("targetUnitIds")).contains(unitId)).count();
        assertThat(own).hasSize((int) addressed);
        assertThat(own).allSatisfy(slip -> assertThat(String.valueOf(slip.get("targetUnitIds"))).contains(unitId));
    }

    @Test
    void r7_the_demo_assigns_a_leaders_instruction_without_a_document_number_and_its_lead_unit_signed_for_it() {
        assumeDemoMonth();
        List<Map<String, Object>> slips = as("office").queryParam("type", "ASSIGNMENT").get("/api/v1/slips").then().statusCode(200)
                .extract().path("items");
        assertThat(slips).hasSize(1);
        Map<String, Object> slip = slips.get(0);
        assertThat(slip).containsEntry("number", "督交〔" + YEAR + "〕1号").containsEntry("status", "ACKNOWLEDGED")
                .containsEntry("overdue", false);
        as("office").get("/api/v1/tasks/" + slip.get("taskId")).then().statusCode(200)
                .body("category", equalTo("LEADER_INSTRUCTION")).body("documentNumber", nullValue());
    }

    @Test
    void r6_the_demo_has_problems_from_a_request_a_meeting_and_supervision_and_a_joint_meeting_with_two_decisions() {
        assumeDemoMonth();
        List<Map<String, Object>> problems = as("office").queryParam("size", 100).get("/api/v1/problems").then()
                .statusCode(200).extract().path("items");
        assertThat(problems).hasSizeGreaterThanOrEqualTo(4);
        assertThat(problems).extracting(problem -> problem.get("status"))
                .contains("ANSWERED", "ASSIGNED", "REPORTED_TO_LEADERS");
        assertThat(problems).extracting(problem -> problem.get("source"))
                .contains("COORDINATION_REQUEST", "JOINT_MEETING", "SUPERVISION");

        // The problem from a coordination request is the one the office would have raised from it.
        Map<String, Object> request = problems.stream().filter(p -> "COORDINATION_REQUEST".equals(p.get("source")))
                .findFirst().orElseThrow();
        assertThat(request).containsEntry("sourcePeriod", LAST.toString()).containsEntry("sourceIndex", 0);
        assertThat((List<?>) request.get("answers")).hasSize(1);
        as("office").get("/api/v1/tasks/" + request.get("taskId") + "/reports/" + LAST).then().statusCode(200)
                .body("coordinationRequests.size()", equalTo(1))
                .body("coordinationRequests[0].description", equalTo(request.get("description")));
        as("office").post("/api/v1/tasks/" + request.get("taskId") + "/reports/" + LAST
                + "/coordination-requests/0/problem").then().statusCode(200).body("id", equalTo(request.get("id")));

        // The meeting: held by the lead unit, its first decision opened the meeting's problem, its second asks for a slip.
        Map<String, Object> opened = problems.stream().filter(p -> "JOINT_MEETING".equals(p.get("source"))).findFirst()
                .orElseThrow();
        as("office").get("/api/v1/tasks/" + opened.get("taskId") + "/meetings").then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].convenedByOffice", equalTo(false))
                .body("items[0].convenedByUnitId", equalTo(opened.get("raisedByUnitId")))
                .body("items[0].decisions.size()", equalTo(2))
                .body("items[0].decisions[0].problemId", equalTo(opened.get("id")))
                .body("items[0].decisions[1].requestAssignmentSlip", equalTo(true));
    }

    @Test
    void r16_the_demo_city_assesses_its_units_by_an_active_rule_book_of_this_year() {
        as("office").get("/api/v1/assessment/rule-books/" + YEAR).then().statusCode(200)
                .body("active.status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("active.rules.code", org.hamcrest.Matchers.hasItems("ORDER_ISSUED", "URGING_ISSUED", "SLIP_OVERDUE",
                        "NOT_REPORTED", "RED_MONTH", "TASK_COMPLETED", "TASK_UNFINISHED"));
    }
}
