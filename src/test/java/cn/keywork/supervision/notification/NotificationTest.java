package cn.keywork.supervision.notification;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.notification.service.ReportReminders;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Notifications written with their causes (reports returned, slips issued, approvals waiting, reports due) and the inbox. */
@QuarkusTest
class NotificationTest {

    private static final String INBOX = "/api/v1/me/notifications";

    @Inject
    Pool database;

    @Inject
    ReportReminders reminders;

    @Inject
    cn.keywork.supervision.slip.service.SlipOverdueScan overdueScan;

    private List<Row> rows(String sql, Object... arguments) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery(sql).execute(Tuple.tuple(List.of(arguments))).await().indefinitely().forEach(rows::add);
        return rows;
    }

    private static String id(RequestSpecification who) {
        return who.get("/api/v1/me").then().statusCode(200).extract().path("id");
    }

    private static void now(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(OffsetDateTime.parse(instant).toInstant(), ZoneId.of("Asia/Shanghai")),
                Clock.class);
    }

    /** An ACTIVE task of {@code year} led by {@code lead} with {@code partner} cooperating, one sub-item of the lead's. */
    private record Task(String id, String item) {
    }

    private static Task activeTask(int year, String lead, String partner) {
        Map<String, Object> task = new HashMap<>(Map.of("year", year, "category", "OTHER", "title", "通知测试任务",
                "target", "目标", "content", "内容", "deadline", year + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合事项"))));
        String taskId = asUnit("UNIT_LIAISON", lead).body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String item = asUnit("UNIT_LIAISON", lead).body(Map.of("content", "子项", "responsibleUnitId", lead,
                "deadline", year + "-12-31", "schedule", List.of(Map.of("month", year + "-12", "plannedPercent", 100))))
                .post("/api/v1/tasks/" + taskId + "/sub-items").then().statusCode(201).extract().path("id");
        String etag = api().get("/api/v1/tasks/" + taskId).then().statusCode(200).extract().header("ETag");
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "SUBMIT"))
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT"))
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(200);
        return new Task(taskId, item);
    }

    private static String reportEtag(String report) {
        return as("OFFICE").get(report).then().statusCode(200).extract().header("ETag");
    }

    private static void submitted(String lead, Task task, String period) {
        String report = "/api/v1/tasks/" + task.id() + "/reports/" + period;
        asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "本月进展", "problems", "存在问题", "measures", "采取措施",
                "nextSteps", "下步打算", "subItems", List.of(Map.of("subItemId", task.item(), "actual", 10))))
                .put(report).then().statusCode(201);
        asUnit("UNIT_LIAISON", lead).header("If-Match", reportEtag(report)).body(Map.of("action", "SUBMIT"))
                .post(report + "/transitions").then().statusCode(200);
    }

    @Test
    void r5_a_returned_report_notifies_the_lead_unit_s_accounts_once_and_no_one_else() {
        now("2032-06-10T10:00:00+08:00");
        String lead = Units.registerId(uniqueCode("NRL"), "通知牵头单位");
        String partner = Units.registerId(uniqueCode("NRP"), "通知配合单位");
        String liaison = id(asUnit("UNIT_LIAISON", lead));
        String head = id(asUnit("UNIT_HEAD", lead));
        String partnerLiaison = id(asUnit("UNIT_LIAISON", partner));
        Task task = activeTask(2032, lead, partner);
        String report = "/api/v1/tasks/" + task.id() + "/reports/2032-05";
        submitted(lead, task, "2032-05");

        as("OFFICE").header("If-Match", reportEtag(report)).body(Map.of("action", "RETURN", "comment", "请补充问题分析"))
                .post(report + "/transitions").then().statusCode(200);

        for (String role : List.of("UNIT_LIAISON", "UNIT_HEAD")) {
            asUnit(role, lead).get(INBOX).then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].kind", equalTo("REPORT_RETURNED")).body("items[0].link", equalTo(report))
                    .body("items[0].period", equalTo("2032-05")).body("items[0].read", equalTo(false))
                    .body("items[0].title", equalTo("2032-05月进展报告被退回"));
        }
        asUnit("UNIT_LIAISON", partner).get(INBOX).then().statusCode(200).body("total", equalTo(0));
        assertThat(rows("SELECT recipient_id FROM notification WHERE link = $1", report))
                .extracting(r -> r.getUUID("recipient_id").toString()).containsExactlyInAnyOrder(liaison, head);
        assertThat(partnerLiaison).isNotNull();
    }

    @Test
    void r8_an_issued_slip_notifies_the_target_unit_s_accounts_and_not_others_and_they_read_it() {
        String lead = Units.registerId(uniqueCode("NSL"), "催办对象单位");
        String other = Units.registerId(uniqueCode("NSO"), "其他单位");
        id(asUnit("UNIT_LIAISON", other));
        id(asUnit("UNIT_LIAISON", lead));
        id(asUnit("UNIT_HEAD", lead));
        String taskId = new SlipFixtures(database).redTask(lead, null);
        Response slip = SlipFixtures.issuedUrging(taskId);
        String link = "/api/v1/slips/" + slip.path("id");
        String number = slip.path("number");

        asUnit("UNIT_LIAISON", lead).get(INBOX + "/unread-count").then().statusCode(200).body("count", equalTo(1));
        String notification = asUnit("UNIT_LIAISON", lead).get(INBOX).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("SLIP_ISSUED")).body("items[0].link", equalTo(link))
                .body("items[0].title", equalTo("收到催办单 " + number)).extract().path("items[0].id");
        asUnit("UNIT_HEAD", lead).get(INBOX).then().statusCode(200).body("items.link", hasItem(link));
        asUnit("UNIT_LIAISON", other).get(INBOX).then().statusCode(200).body("total", equalTo(0));
        assertThat(rows("SELECT count(*) AS n FROM notification WHERE link = $1 AND kind = 'SLIP_ISSUED'", link).get(0)
                .getLong("n")).isEqualTo(2);

        // someone else's notification is as unknown as a made-up one
        asUnit("UNIT_LIAISON", other).post(INBOX + "/" + notification + "/read").then().statusCode(404);
        as("OFFICE").post(INBOX + "/" + UUID.randomUUID() + "/read").then().statusCode(404);
        asUnit("UNIT_LIAISON", lead).post(INBOX + "/" + notification + "/read").then().statusCode(204);
        asUnit("UNIT_LIAISON", lead).post(INBOX + "/" + notification + "/read").then().statusCode(204);
        asUnit("UNIT_LIAISON", lead).get(INBOX + "?unread=true").then().statusCode(200).body("total", equalTo(0));
        asUnit("UNIT_LIAISON", lead).get(INBOX + "?unread=false").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].read", equalTo(true));
        asUnit("UNIT_HEAD", lead).get(INBOX + "/unread-count").then().statusCode(200).body("count", equalTo(1));
        asUnit("UNIT_HEAD", lead).post(INBOX + "/read-all").then().statusCode(200).body("marked", equalTo(1));
        asUnit("UNIT_HEAD", lead).post(INBOX + "/read-all").then().statusCode(200).body("marked", equalTo(0));
        asUnit("UNIT_HEAD", lead).get(INBOX + "/unread-count").then().statusCode(200).body("count", equalTo(0));
    }

    @Test
    void r9_a_supervision_order_waiting_for_approval_reaches_the_task_s_leader_in_charge() {
        String lead = Units.registerId(uniqueCode("NAL"), "督办对象单位");
        String leader = id(as("LEADER"));
        String taskId = new SlipFixtures(database).urgedAndStillLagging(lead, leader).taskId();
        Response draft = as("OFFICE").body(Map.of("type", "SUPERVISION", "taskId", taskId, "requirements", "请加快推进",
                "responseDeadline", SlipFixtures.TODAY.plusDays(10).toString())).post("/api/v1/slips").then().statusCode(201)
                .extract().response();
        String link = "/api/v1/slips/" + draft.path("id");
        assertThat(rows("SELECT count(*) AS n FROM notification WHERE link = $1", link).get(0).getLong("n")).isZero();

        as("OFFICE").header("If-Match", draft.header("ETag")).body(Map.of("action", "SUBMIT_FOR_APPROVAL"))
                .post(link + "/transitions").then().statusCode(200);

        as("LEADER").get(INBOX + "?unread=true&size=200").then().statusCode(200)
                .body("items.find { it.link == '" + link + "' }.kind", equalTo("APPROVAL_WAITING"));
        List<Row> notified = rows("SELECT recipient_id FROM notification WHERE link = $1 AND kind = 'APPROVAL_WAITING'", link);
        assertThat(notified).extracting(r -> r.getUUID("recipient_id").toString()).contains(leader);
        // the units it will be addressed to hear of it only when it is issued
        asUnit("UNIT_LIAISON", lead).get(INBOX).then().statusCode(200).body("items.link", org.hamcrest.Matchers.not(hasItem(link)));
    }

    @Test
    void r5_report_due_reminders_go_to_the_units_of_active_tasks_without_a_submitted_report_once() throws Throwable {
        now("2033-04-10T10:00:00+08:00");
        String lead = Units.registerId(uniqueCode("NDL"), "待报单位");
        String partner = Units.registerId(uniqueCode("NDP"), "待报配合单位");
        String diligent = Units.registerId(uniqueCode("NDD"), "已报单位");
        String leadLiaison = id(asUnit("UNIT_LIAISON", lead));
        String partnerLiaison = id(asUnit("UNIT_LIAISON", partner));
        String diligentLiaison = id(asUnit("UNIT_LIAISON", diligent));
        String waiting = activeTask(2033, lead, partner).id();
        Task reportedTask = activeTask(2033, diligent, partner);
        String reported = reportedTask.id();
        submitted(diligent, reportedTask, "2033-03");

        long would = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> reminders.countDue("2033-03")));
        int written = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> reminders.remindDue("2033-03", LocalDate.of(2033, 4, 25))));
        int again = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> reminders.remindDue("2033-03", LocalDate.of(2033, 4, 25))));

        assertThat(written).isGreaterThanOrEqualTo(2).isEqualTo((int) would);
        assertThat(again).isZero();
        assertThat(VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> reminders.countDue("2033-03"))))
                .isZero();
        assertThat(rows("SELECT recipient_id FROM notification WHERE kind = 'REPORT_DUE' AND cause = $1 AND period = '2033-03'",
                waiting)).extracting(r -> r.getUUID("recipient_id").toString())
                .containsExactlyInAnyOrder(leadLiaison, partnerLiaison);
        assertThat(rows("SELECT count(*) AS n FROM notification WHERE kind = 'REPORT_DUE' AND cause = $1", reported).get(0)
                .getLong("n")).isZero();
        asUnit("UNIT_LIAISON", lead).get(INBOX).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].kind", equalTo("REPORT_DUE")).body("items[0].period", equalTo("2033-03"))
                .body("items[0].link", equalTo("/api/v1/tasks/" + waiting + "/reports/2033-03"));
        asUnit("UNIT_LIAISON", diligent).get(INBOX).then().statusCode(200).body("total", equalTo(0));
        assertThat(diligentLiaison).isNotNull();
    }

    @Test
    void r8_a_slip_past_its_response_deadline_notifies_the_target_unit_s_accounts_once() throws Throwable {
        String lead = Units.registerId(uniqueCode("NOL"), "逾期单位");
        id(asUnit("UNIT_LIAISON", lead));
        SlipFixtures fixtures = new SlipFixtures(database);
        String slipId = SlipFixtures.issuedUrging(fixtures.redTask(lead, null)).path("id");
        fixtures.pastDeadline(slipId);
        String link = "/api/v1/slips/" + slipId;

        VertxContextSupport.subscribeAndAwait(() -> overdueScan.scan());
        VertxContextSupport.subscribeAndAwait(() -> overdueScan.scan());

        asUnit("UNIT_LIAISON", lead).get(INBOX + "?unread=true").then().statusCode(200)
                .body("items.findAll { it.kind == 'SLIP_OVERDUE' }.size()", equalTo(1))
                .body("items.find { it.kind == 'SLIP_OVERDUE' }.link", equalTo(link))
                .body("items.find { it.kind == 'SLIP_OVERDUE' }.title", org.hamcrest.Matchers.endsWith("反馈已逾期"));
    }

    @Test
    void r10_a_published_briefing_notifies_the_office_leaders_assessment_and_leading_group_but_not_units() {
        String unit = Units.registerId(uniqueCode("NBU"), "通报单位");
        id(asUnit("UNIT_LIAISON", unit));
        List<String> readers = List.of(id(as("OFFICE")), id(as("LEADER")), id(as("ASSESSMENT")), id(as("LEADING_GROUP")));
        String briefing = UUID.randomUUID().toString();
        database.preparedQuery("""
                INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                VALUES ($1, 'briefing.published', 'Briefing', $2, '{}', '2026-Q3', '{"title": "2026年第三季度督查通报"}', now(), $3)""")
                .execute(Tuple.of(UUID.randomUUID(), briefing, cn.keywork.supervision.support.EventPayloads.FABRICATED_BY_TEST))
                .await().indefinitely();

        List<String> notified = rows("SELECT recipient_id FROM notification WHERE link = $1 AND kind = 'BRIEFING_PUBLISHED'",
                "/api/v1/briefings/" + briefing).stream().map(r -> r.getUUID("recipient_id").toString()).toList();
        assertThat(notified).containsAll(readers);
        String mine = "items.find { it.link == '/api/v1/briefings/" + briefing + "' }";
        as("LEADER").get(INBOX + "?unread=true&size=200").then().statusCode(200)
                .body(mine + ".kind", equalTo("BRIEFING_PUBLISHED")).body(mine + ".body", equalTo("2026年第三季度督查通报"))
                .body(mine + ".period", equalTo("2026-Q3"));
        asUnit("UNIT_LIAISON", unit).get(INBOX).then().statusCode(200).body("total", equalTo(0));
    }
}
