package cn.keywork.supervision.progress;

import static cn.keywork.supervision.progress.ReportFixture.draft;
import static cn.keywork.supervision.progress.ReportFixture.item;
import static cn.keywork.supervision.progress.ReportFixture.now;
import static cn.keywork.supervision.progress.ReportFixture.registered;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.progress.ReportFixture.RegisteredTask;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** R5: monthly progress reports, drafted and submitted by the units, accepted or returned by the office. */
@QuarkusTest
class ProgressReportTest {

    private static final int YEAR = 2031;

    @Inject
    Pool database;

    private static String etag(RegisteredTask task, String period) {
        return as("OFFICE").get(task.report(period)).then().statusCode(200).extract().header("ETag");
    }

    private static String move(String role, String unit, RegisteredTask task, String period, String action, String comment) {
        Map<String, Object> body = comment == null ? Map.of("action", action) : Map.of("action", action, "comment", comment);
        return (unit == null ? as(role) : asUnit(role, unit)).header("If-Match", etag(task, period)).body(body)
                .post(task.report(period) + "/transitions").then().statusCode(200).extract().header("ETag");
    }

    private List<Row> rows(String sql, Object... arguments) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery(sql).execute(Tuple.tuple(List.of(arguments))).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void r5_the_lead_unit_drafts_and_submits_the_office_returns_and_accepts_and_every_submission_is_kept() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RF");
        String period = YEAR + "-06";

        var created = asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 40), item(task.partnerItem(), 30)))
                .put(task.report(period)).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith(task.report(period))).header("ETag", "\"1\"")
                .body("status", equalTo("DRAFT")).body("summary", equalTo("本月进展")).body("late", equalTo(false))
                .body("subItems", hasSize(2)).extract();
        String reportId = created.path("id");

        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("summary", "改后的进展")).put(task.report(period)).then().statusCode(428);
        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", "\"7\"").body(Map.of("summary", "改后的进展"))
                .put(task.report(period)).then().statusCode(412);
        asUnit("UNIT_HEAD", task.lead()).header("If-Match", "\"1\"").body(Map.of("summary", "改后的进展"))
                .put(task.report(period)).then().statusCode(200).header("ETag", "\"2\"")
                // what was not sent stays as it was
                .body("summary", equalTo("改后的进展")).body("problems", equalTo("存在问题"))
                .body("subItems.find { it.subItemId == '" + task.leadItem() + "' }.actual", equalTo(40));

        move("UNIT_LIAISON", task.lead(), task, period, "SUBMIT", null);
        as("LEADER").get(task.report(period)).then().statusCode(200).body("status", equalTo("SUBMITTED"))
                .body("submittedCount", equalTo(1)).body("submittedAt", notNullValue());
        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", etag(task, period)).body(Map.of("summary", "报送后修改"))
                .put(task.report(period)).then().statusCode(409);

        deliberatelyInvalidAs("OFFICE", null).contentType("application/json").header("If-Match", etag(task, period))
                .body(Map.of("action", "RETURN")).post(task.report(period) + "/transitions").then().statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        move("OFFICE", null, task, period, "RETURN", "请补充问题分析");
        asUnit("UNIT_LIAISON", task.lead()).get(task.report(period)).then().body("status", equalTo("RETURNED"))
                .body("decisionComment", equalTo("请补充问题分析"));

        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", etag(task, period))
                .body(Map.of("problems", "拆迁进度滞后", "subItems", List.of(item(task.leadItem(), 45))))
                .put(task.report(period)).then().statusCode(200);
        move("UNIT_LIAISON", task.lead(), task, period, "SUBMIT", null);
        move("OFFICE", null, task, period, "ACCEPT", null);

        as("OFFICE").get(task.report(period) + "/versions").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].number", equalTo(1)).body("items[0].content.summary", equalTo("改后的进展"))
                .body("items[0].content.problems", equalTo("存在问题"))
                .body("items[1].number", equalTo(2)).body("items[1].content.problems", equalTo("拆迁进度滞后"))
                .body("items[1].content.subItems.find { it.subItemId == '" + task.leadItem() + "' }.actual", equalTo(45));
        as("ASSESSMENT").get(task.reports()).then().statusCode(200).body("total", equalTo(1))
                .body("items[0].status", equalTo("ACCEPTED")).body("items[0].submittedCount", equalTo(2));

        List<Row> events = rows("SELECT type, unit_ids, payload, period FROM domain_event WHERE object_id = $1 ORDER BY seq",
                reportId);
        assertThat(events).extracting(r -> r.getString("type"))
                .containsExactly("report.submitted", "report.returned", "report.submitted", "report.accepted");
        Row accepted = events.get(3);
        assertThat(List.of(accepted.getArrayOfUUIDs("unit_ids"))).extracting(Object::toString)
                .containsExactly(task.lead(), task.partner());
        assertThat(accepted.getString("period")).isEqualTo(period);
        assertThat(accepted.getJsonObject("payload").getString("taskId")).isEqualTo(task.taskId());
        assertThat(accepted.getJsonObject("payload").getInteger("version")).isEqualTo(2);
        assertThat(accepted.getJsonObject("payload").getBoolean("late")).isFalse();
        assertThat(accepted.getJsonObject("payload").fieldNames())
                .containsExactlyInAnyOrder("taskId", "code", "period", "late", "version");

        assertThat(rows("SELECT action FROM audit_event WHERE object_id = $1 ORDER BY id", reportId))
                .extracting(r -> r.getString("action"))
                .containsExactly("REPORT_CREATED", "REPORT_UPDATED", "REPORT_SUBMIT", "REPORT_RETURN", "REPORT_UPDATED",
                        "REPORT_SUBMIT", "REPORT_ACCEPT");
    }

    @Test
    void r5_a_cooperating_unit_fills_in_only_its_sub_items_and_cannot_submit() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RC");
        String period = YEAR + "-05";

        // The cooperating unit may begin the month's draft with its own sub-item.
        asUnit("UNIT_LIAISON", task.partner()).body(Map.of("subItems", List.of(item(task.partnerItem(), 20))))
                .put(task.report(period)).then().statusCode(201).body("summary", nullValue());
        asUnit("UNIT_LIAISON", task.partner()).header("If-Match", "\"1\"")
                .body(Map.of("subItems", List.of(item(task.partnerItem(), 25), item(task.leadItem(), 90))))
                .put(task.report(period)).then().statusCode(403)
                .body("detail", allOf(containsString(task.leadItem()), containsString("not these")));
        asUnit("UNIT_LIAISON", task.partner()).header("If-Match", "\"1\"").body(Map.of("summary", "越权填写"))
                .put(task.report(period)).then().statusCode(403).body("detail", containsString("summary"));
        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", "\"1\"")
                .body(draft(item(task.leadItem(), 35))).put(task.report(period)).then().statusCode(200)
                // the lead unit's save keeps the partner's value
                .body("subItems.find { it.subItemId == '" + task.partnerItem() + "' }.actual", equalTo(20));
        asUnit("UNIT_LIAISON", task.partner()).header("If-Match", "\"2\"").body(Map.of("action", "SUBMIT"))
                .post(task.report(period) + "/transitions").then().statusCode(403);
        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", "\"2\"").body(Map.of("action", "ACCEPT"))
                .post(task.report(period) + "/transitions").then().statusCode(403);

        String stranger = Units.registerId(uniqueCode("RCS"), "无关单位");
        asUnit("UNIT_LIAISON", stranger).get(task.report(period)).then().statusCode(404);
        asUnit("UNIT_LIAISON", stranger).get(task.reports()).then().statusCode(404);
        asUnit("UNIT_LIAISON", stranger).header("If-Match", "\"2\"").body(Map.of("subItems", List.of(item(task.leadItem(), 1))))
                .put(task.report(period)).then().statusCode(404);
        asUnit("UNIT_LIAISON", stranger).header("If-Match", "\"2\"").body(Map.of("action", "SUBMIT"))
                .post(task.report(period) + "/transitions").then().statusCode(404);

        // Roles the contract does not name for writing are refused before anything is read.
        as("LEADER").header("If-Match", "\"2\"").body(Map.of("summary", "领导填写")).put(task.report(period)).then().statusCode(403);
        as("EVALUATOR").get(task.report(period)).then().statusCode(403);
        as("LEADER").get(task.report(period)).then().statusCode(200);
    }

    @Test
    void r5_actual_progress_lies_between_0_and_100_with_at_most_two_decimals() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RP");
        String period = YEAR + "-04";
        for (Object wrong : List.of(101, -1)) {
            deliberatelyInvalidAs("UNIT_LIAISON", task.lead()).contentType("application/json")
                    .body(Map.of("subItems", List.of(item(task.leadItem(), wrong)))).put(task.report(period)).then()
                    .statusCode(400).body("errors[0].field", equalTo("subItems[0].actual"));
        }
        deliberatelyInvalidAs("UNIT_LIAISON", task.lead()).contentType("application/json")
                .body(Map.of("subItems", List.of(item(task.leadItem(), new java.math.BigDecimal("12.345")))))
                .put(task.report(period)).then().statusCode(400).body("errors[0].field", equalTo("subItems[0].actual"));
        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("subItems", List.of(item(task.leadItem(), new java.math.BigDecimal("12.34")))))
                .put(task.report(period)).then().statusCode(201)
                .body("subItems.find { it.subItemId == '" + task.leadItem() + "' }.actual", equalTo(12.34f));
    }

    @Test
    void r5_progress_never_falls_below_the_last_accepted_month_except_as_a_correction_with_a_reason() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RM");
        String march = YEAR + "-03";
        String april = YEAR + "-04";
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 50), item(task.partnerItem(), 10)))
                .put(task.report(march)).then().statusCode(201);
        move("UNIT_LIAISON", task.lead(), task, march, "SUBMIT", null);
        move("OFFICE", null, task, march, "ACCEPT", null);

        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 40), item(task.partnerItem(), 10)))
                .put(task.report(april)).then().statusCode(409)
                .body("detail", allOf(containsString(task.leadItem()), containsString("50"), containsString(march)));
        String reportId = asUnit("UNIT_LIAISON", task.lead())
                .body(draft(Map.of("subItemId", task.leadItem(), "actual", 40, "correctionReason", "3月多报了 10 个百分点"),
                        item(task.partnerItem(), 10)))
                .put(task.report(april)).then().statusCode(201)
                .body("subItems.find { it.subItemId == '" + task.leadItem() + "' }.correctionReason", equalTo("3月多报了 10 个百分点"))
                .body("subItems.find { it.subItemId == '" + task.leadItem() + "' }.lastAccepted", equalTo(50))
                .body("subItems.find { it.subItemId == '" + task.leadItem() + "' }.lastAcceptedPeriod", equalTo(march))
                .extract().path("id");
        move("UNIT_LIAISON", task.lead(), task, april, "SUBMIT", null);
        as("OFFICE").get(task.report(april) + "/versions").then().statusCode(200)
                .body("items[0].content.subItems.find { it.subItemId == '" + task.leadItem() + "' }.correctionReason",
                        equalTo("3月多报了 10 个百分点"));
        assertThat(rows("SELECT detail FROM audit_event WHERE object_id = $1 AND action = 'REPORT_PROGRESS_CORRECTED'", reportId))
                .extracting(r -> r.getString("detail")).singleElement().asString().contains("3月多报了 10 个百分点");
    }

    @Test
    void r5_acceptance_checks_again_against_what_was_accepted_meanwhile() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RA");
        String march = YEAR + "-03";
        String april = YEAR + "-04";
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 60), item(task.partnerItem(), 10)))
                .put(task.report(march)).then().statusCode(201);
        move("UNIT_LIAISON", task.lead(), task, march, "SUBMIT", null);
        // April is drafted and submitted while March still waits: nothing accepted to fall below yet.
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 55), item(task.partnerItem(), 10)))
                .put(task.report(april)).then().statusCode(201);
        move("UNIT_LIAISON", task.lead(), task, april, "SUBMIT", null);
        move("OFFICE", null, task, march, "ACCEPT", null);
        as("OFFICE").header("If-Match", etag(task, april)).body(Map.of("action", "ACCEPT"))
                .post(task.report(april) + "/transitions").then().statusCode(409)
                .body("detail", allOf(containsString(task.leadItem()), containsString("60")));
        move("OFFICE", null, task, april, "RETURN", "4月进度低于3月");
    }

    @Test
    void r5_a_report_first_submitted_after_the_deadline_day_is_late_and_stays_so() {
        String may = YEAR + "-05";
        RegisteredTask onTime = registered(YEAR, "RL");
        RegisteredTask late = registered(YEAR, "RL");
        now(YEAR + "-05-25T23:59:59+08:00");
        asUnit("UNIT_LIAISON", onTime.lead()).body(draft(item(onTime.leadItem(), 10), item(onTime.partnerItem(), 10)))
                .put(onTime.report(may)).then().statusCode(201);
        move("UNIT_LIAISON", onTime.lead(), onTime, may, "SUBMIT", null);
        as("OFFICE").get(onTime.report(may)).then().body("late", equalTo(false));

        asUnit("UNIT_LIAISON", late.lead()).body(draft(item(late.leadItem(), 10), item(late.partnerItem(), 10)))
                .put(late.report(may)).then().statusCode(201);
        now(YEAR + "-05-26T00:00:00+08:00");
        move("UNIT_LIAISON", late.lead(), late, may, "SUBMIT", null);
        as("OFFICE").get(late.report(may)).then().body("late", equalTo(true));
        move("OFFICE", null, late, may, "RETURN", "补充");
        move("UNIT_LIAISON", late.lead(), late, may, "SUBMIT", null);
        as("OFFICE").get(late.report(may) + "/versions").then().body("items.late", equalTo(List.of(true, true)));

        // A returned on-time report resubmitted after the deadline stays on time: lateness is the first submission's.
        move("OFFICE", null, onTime, may, "RETURN", "补充");
        move("UNIT_LIAISON", onTime.lead(), onTime, may, "SUBMIT", null);
        as("OFFICE").get(onTime.report(may)).then().body("late", equalTo(false));
    }

    @Test
    void r5_the_inbox_shows_every_registered_task_of_a_unit_with_its_state_and_counts_the_missing() {
        now(YEAR + "-06-10T10:00:00+08:00");
        String lead = Units.registerId(uniqueCode("RIL"), "收件箱牵头单位");
        String partner = Units.registerId(uniqueCode("RIP"), "收件箱配合单位");
        RegisteredTask none = ReportFixture.registered(YEAR, lead, partner);
        RegisteredTask drafted = ReportFixture.registered(YEAR, lead, partner);
        RegisteredTask submitted = ReportFixture.registered(YEAR, lead, partner);
        String june = YEAR + "-06";
        asUnit("UNIT_LIAISON", lead).body(draft(item(drafted.leadItem(), 10))).put(drafted.report(june)).then().statusCode(201);
        asUnit("UNIT_LIAISON", lead).body(draft(item(submitted.leadItem(), 10), item(submitted.partnerItem(), 5)))
                .put(submitted.report(june)).then().statusCode(201);
        move("UNIT_LIAISON", lead, submitted, june, "SUBMIT", null);

        as("OFFICE").queryParam("period", june).queryParam("unitId", lead).get("/api/v1/reports").then().statusCode(200)
                .body("total", equalTo(3)).body("items", hasSize(3))
                .body("counts.registered", equalTo(3)).body("counts.missing", equalTo(2)).body("counts.draft", equalTo(1))
                .body("counts.submitted", equalTo(1)).body("counts.accepted", equalTo(0))
                .body("items.find { it.taskId == '" + none.taskId() + "' }.status", equalTo("MISSING"))
                .body("items.find { it.taskId == '" + none.taskId() + "' }.reportStatus", nullValue())
                .body("items.find { it.taskId == '" + drafted.taskId() + "' }.status", equalTo("MISSING"))
                .body("items.find { it.taskId == '" + drafted.taskId() + "' }.reportStatus", equalTo("DRAFT"))
                .body("items.find { it.taskId == '" + submitted.taskId() + "' }.status", equalTo("SUBMITTED"))
                .body("items.find { it.taskId == '" + submitted.taskId() + "' }.leadUnitId", equalTo(lead));
        as("OFFICE").queryParam("period", june).queryParam("unitId", lead).queryParam("status", "MISSING")
                .get("/api/v1/reports").then().statusCode(200).body("total", equalTo(2)).body("counts.registered", equalTo(3));
        as("OFFICE").queryParam("period", june).queryParam("unitId", lead).queryParam("status", "DRAFT")
                .get("/api/v1/reports").then().body("items.taskId", equalTo(List.of(drafted.taskId())));
        as("OFFICE").queryParam("period", june).queryParam("unitId", lead).queryParam("status", "SUBMITTED").queryParam("size", 1)
                .queryParam("page", 5).get("/api/v1/reports").then().statusCode(200).body("items", hasSize(0))
                .body("total", equalTo(1)).body("counts.submitted", equalTo(1));

        // A unit account sees its own tasks only, whatever unit it asks about.
        asUnit("UNIT_LIAISON", partner).queryParam("period", june).get("/api/v1/reports").then().statusCode(200)
                .body("total", equalTo(3));
        String stranger = Units.registerId(uniqueCode("RIS"), "收件箱无关单位");
        asUnit("UNIT_LIAISON", stranger).queryParam("period", june).queryParam("unitId", lead).get("/api/v1/reports").then()
                .statusCode(200).body("total", equalTo(0)).body("counts.registered", equalTo(0));
    }

    @Test
    void r5_of_two_concurrent_submissions_exactly_one_wins() throws Exception {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RX");
        String period = YEAR + "-02";
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 10), item(task.partnerItem(), 10)))
                .put(task.report(period)).then().statusCode(201);
        String tag = etag(task, period);
        var token = asUnit("UNIT_LIAISON", task.lead());
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return asUnit("UNIT_LIAISON", task.lead()).header("If-Match", tag).body(Map.of("action", "SUBMIT"))
                        .post(task.report(period) + "/transitions").then().extract().statusCode();
            }));
        }
        assertThat(token).isNotNull();
        start.countDown();
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 412);
        as("OFFICE").get(task.report(period) + "/versions").then().body("items", hasSize(1));
    }

    @Test
    void r5_an_unknown_action_is_400_and_an_illegal_move_409_naming_the_allowed_moves() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RT");
        String period = YEAR + "-01";
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 10))).put(task.report(period)).then().statusCode(201);
        deliberatelyInvalidAs("OFFICE", null).contentType("application/json").header("If-Match", "\"1\"")
                .body(Map.of("action", "PUBLISH")).post(task.report(period) + "/transitions").then().statusCode(400);
        as("OFFICE").header("If-Match", "\"1\"").body(Map.of("action", "ACCEPT")).post(task.report(period) + "/transitions")
                .then().statusCode(409).body("detail", allOf(containsString("DRAFT"), containsString("SUBMIT")));
        // Every sub-item needs its actual progress before the report goes out.
        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", "\"1\"").body(Map.of("action", "SUBMIT"))
                .post(task.report(period) + "/transitions").then().statusCode(409)
                .body("detail", containsString(task.partnerItem()));
        as("OFFICE").header("If-Match", "\"1\"").body(Map.of("subItems", List.of(item(task.partnerItem(), 5))))
                .put(task.report(period)).then().statusCode(200);
        move("UNIT_LIAISON", task.lead(), task, period, "SUBMIT", null);
        move("OFFICE", null, task, period, "ACCEPT", null);
        as("OFFICE").header("If-Match", etag(task, period)).body(Map.of("action", "RETURN", "comment", "再看看"))
                .post(task.report(period) + "/transitions").then().statusCode(409).body("detail", containsString("an accepted report is final"));
    }

    @Test
    void r5_a_report_is_for_a_begun_month_of_the_task_s_years_while_the_task_is_registered() {
        now(YEAR + "-06-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RD");
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 10))).put(task.report(YEAR + "-07")).then()
                .statusCode(400).body("errors[0].field", equalTo("period"));
        asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 10))).put(task.report((YEAR - 1) + "-12")).then()
                .statusCode(400).body("errors[0].field", equalTo("period"));
        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("period", YEAR + "-05", "summary", "月份不符"))
                .put(task.report(YEAR + "-06")).then().statusCode(400).body("errors[0].field", equalTo("period"));
        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("period", YEAR + "-06", "summary", "月份相符"))
                .put(task.report(YEAR + "-06")).then().statusCode(201);
        asUnit("UNIT_LIAISON", task.lead()).body(Map.of("subItems", List.of(item(java.util.UUID.randomUUID().toString(), 1))))
                .put(task.report(YEAR + "-05")).then().statusCode(400).body("errors[0].field", equalTo("subItems[0].subItemId"));

        String lead = Units.registerId(uniqueCode("RDD"), "草稿任务单位");
        String draftTask = asUnit("UNIT_LIAISON", lead).body(Map.of("year", YEAR, "category", "OTHER", "title", "未登记任务",
                "target", "目标", "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "未登记")).put("/api/v1/tasks/" + draftTask + "/reports/" + YEAR + "-05")
                .then().statusCode(409).body("detail", containsString("DRAFT"));
        asUnit("UNIT_LIAISON", lead).get("/api/v1/tasks/" + draftTask + "/reports/" + YEAR + "-05").then().statusCode(404);
    }
}
