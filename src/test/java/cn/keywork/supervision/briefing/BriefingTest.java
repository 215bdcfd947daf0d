package cn.keywork.supervision.briefing;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.briefing.domain.BriefingStatus;
import cn.keywork.supervision.briefing.domain.BriefingView;
import cn.keywork.supervision.briefing.service.BriefingService;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.support.Units;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R10: the quarterly briefing drafted from the data, edited, published, and read by the public. */
@QuarkusTest
class BriefingTest {

    private static final OffsetDateTime SEEDED = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final List<String> LIGHTS = List.of("GREEN", "YELLOW", "RED", "COMPLETED", "NOT_REPORTED");
    private static final Map<String, String> LIGHT_KEYS = Map.of("GREEN", "green", "YELLOW", "yellow", "RED", "red",
            "COMPLETED", "completed", "NOT_REPORTED", "notReported");

    @Inject
    Pool database;

    @Inject
    BriefingService briefings;

    // --- Seeding, straight into the tables the figures and the ledger are made from -----------------

    private static UUID unit(String name) {
        return UUID.fromString(Units.registerId(uniqueCode("BR"), name));
    }

    private UUID task(int year, String category, String title, UUID lead, String status, UUID leader) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO key_task (id, year, code, category, title, target, content, deadline, lead_unit_id, status,
                leader_in_charge_id, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, '目标', '内容', $6, $7, $8, $9, 1, $10, $10)""")
                .execute(Tuple.from(java.util.Arrays.asList(id, year, uniqueCode("BT"), category, title,
                        LocalDate.of(year, 12, 31), lead, status, leader, SEEDED)))
                .await().indefinitely();
        return id;
    }

    private UUID subItem(UUID task, UUID unit, String month, int planned) {
        UUID id = UUID.randomUUID();
        int year = Integer.parseInt(month.substring(0, 4));
        database.preparedQuery("""
                INSERT INTO task_sub_item (id, task_id, list_order, content, responsible_unit_id, deadline, weight, version,
                created_at, updated_at) VALUES ($1, $2, 0, '子项', $3, $4, 1, 1, $5, $5)""")
                .execute(Tuple.from(List.<Object>of(id, task, unit, LocalDate.of(year, 12, 31), SEEDED))).await().indefinitely();
        database.preparedQuery("INSERT INTO task_sub_item_month (sub_item_id, month, planned_percent) VALUES ($1, $2, $3)")
                .execute(Tuple.of(id, month, BigDecimal.valueOf(planned))).await().indefinitely();
        database.preparedQuery("INSERT INTO task_sub_item_month (sub_item_id, month, planned_percent) VALUES ($1, $2, $3)")
                .execute(Tuple.of(id, year + "-12", BigDecimal.valueOf(100))).await().indefinitely();
        return id;
    }

    private void report(UUID task, UUID subItem, String period, String status, int actual, String problems, String measures) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO progress_report (id, task_id, period, status, summary, problems, measures, version, created_at,
                updated_at) VALUES ($1, $2, $3, $4, '本月进展', $5, $6, 1, $7, $7)""")
                .execute(Tuple.from(java.util.Arrays.asList(id, task, period, status, problems, measures, SEEDED)))
                .await().indefinitely();
        database.preparedQuery("INSERT INTO progress_report_sub_item (report_id, sub_item_id, actual, updated_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, subItem, BigDecimal.valueOf(actual), SEEDED)).await().indefinitely();
    }

    /** Stores the task's figure of a month, as the nightly computation keeps it. */
    private void figure(UUID task, String period, double planned, double actual, String light) {
        database.preparedQuery("""
                INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, computed_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (task_id, period) DO UPDATE SET planned = excluded.planned, actual = excluded.actual,
                    lag = excluded.lag, light = excluded.light, computed_at = excluded.computed_at""")
                .execute(Tuple.tuple().addUUID(task).addString(period).addValue(BigDecimal.valueOf(planned))
                        .addValue(BigDecimal.valueOf(actual)).addValue(BigDecimal.valueOf(planned - actual)).addString(light)
                        .addValue(SEEDED))
                .await().indefinitely();
    }

    private static Response draft(String quarter) {
        return as("OFFICE").body(Map.of("quarter", quarter)).post("/api/v1/briefings").then().statusCode(201)
                .header("ETag", notNullValue()).extract().response();
    }

    private static Map<String, Integer> countLights(List<Map<String, Object>> rows) {
        Map<String, Integer> counts = new HashMap<>();
        LIGHTS.forEach(light -> counts.put(LIGHT_KEYS.get(light), 0));
        rows.forEach(row -> counts.merge(LIGHT_KEYS.get((String) row.get("light")), 1, Integer::sum));
        return counts;
    }

    private long events(String type, String id) {
        return database.preparedQuery("SELECT count(*) FROM domain_event WHERE type = $1 AND object_id = $2")
                .execute(Tuple.of(type, id)).await().indefinitely().iterator().next().getLong(0);
    }

    // --- Tests ------------------------------------------------------------------------------------

    @Test
    void r10_a_closed_quarter_is_briefed_from_its_frozen_ledger_with_the_same_figures() {
        UUID lead = unit("通报牵头单位甲");
        UUID other = unit("通报牵头单位乙");
        UUID green = task(2005, "KEY_PROJECT", "污水管网改造", lead, "ACTIVE", null);
        report(green, subItem(green, lead, "2005-09", 30), "2005-09", "ACCEPTED", 28, null, null);
        UUID yellow = task(2005, "LIVELIHOOD", "老旧小区改造", lead, "ACTIVE", null);
        report(yellow, subItem(yellow, lead, "2005-09", 50), "2005-09", "ACCEPTED", 38, "拆迁进度慢", "加快征收");
        UUID red = task(2005, "KEY_PROJECT", "城东快速路", other, "ACTIVE", null);
        report(red, subItem(red, other, "2005-09", 60), "2005-09", "ACCEPTED", 20, "资金未到位", "协调财政加快拨付");
        UUID silent = task(2005, "OTHER", "智慧城市平台", other, "ACTIVE", null);
        report(silent, subItem(silent, other, "2005-09", 40), "2005-09", "SUBMITTED", 35, null, null);
        UUID done = task(2005, "LIVELIHOOD", "学校扩建", lead, "COMPLETED", null);
        subItem(done, lead, "2005-09", 100);
        // the previous quarter's last month is open: its stored figures count
        figure(green, "2005-06", 20, 20, "GREEN");
        figure(red, "2005-06", 40, 30, "YELLOW");
        // a problem reported to the city leaders and an urging slip issued and closed in the quarter
        database.preparedQuery("""
                INSERT INTO problem (id, task_id, description, raised_by_office, source, status, version, created_at, updated_at)
                VALUES ($1, $2, '征地补偿标准需市级统筹', true, 'SUPERVISION', 'REPORTED_TO_LEADERS', 2, $3, $4)""")
                .execute(Tuple.of(UUID.randomUUID(), red, OffsetDateTime.parse("2005-07-02T08:00:00+08:00"),
                        OffsetDateTime.parse("2005-08-15T09:00:00+08:00")))
                .await().indefinitely();
        database.preparedQuery("""
                INSERT INTO slip (id, type, year, number, serial, task_id, requirements, response_deadline, status, outcome,
                issued_at, closed_at, version, created_at, updated_at)
                VALUES ($1, 'URGING', 2005, '督催〔2005〕1号', 1, $2, '请加快推进', '2005-08-30', 'CLOSED', 'RESOLVED', $3, $3, 5, $3, $3)""")
                .execute(Tuple.of(UUID.randomUUID(), red, OffsetDateTime.parse("2005-08-10T10:00:00+08:00")))
                .await().indefinitely();

        as("OFFICE").post("/api/v1/ledgers/2005-09/close").then().statusCode(200);
        List<Map<String, Object>> ledger = as("OFFICE").queryParam("size", 200).get("/api/v1/ledgers/2005-09").then()
                .statusCode(200).extract().jsonPath().getList("items");

        Response created = draft("2005-Q3");
        String id = created.path("id");
        JsonPath data = created.jsonPath().setRootPath("data");
        assertThat(data.getString("source")).isEqualTo("LEDGER");
        assertThat(data.getInt("ledgerVersion")).isEqualTo(1);
        assertThat(data.getInt("taskCount")).isEqualTo(ledger.size()).isEqualTo(5);
        assertThat(data.<String, Integer>getMap("lights")).isEqualTo(countLights(ledger));
        assertThat(data.<String, Integer>getMap("lights")).containsEntry("red", 1).containsEntry("notReported", 1)
                .containsEntry("completed", 1);
        for (UUID unit : List.of(lead, other)) {
            Map<String, Object> row = data.getList("byUnit", Map.class).stream()
                    .filter(item -> unit.toString().equals(item.get("unitId"))).findFirst().orElseThrow();
            List<Map<String, Object>> ledgerRows = ledger.stream().filter(item -> unit.toString().equals(item.get("leadUnitId")))
                    .toList();
            assertThat(row.get("taskCount")).isEqualTo(ledgerRows.size());
            assertThat(row.get("lights")).isEqualTo(countLights(ledgerRows));
        }
        for (Map<?, ?> row : data.getList("byCategory", Map.class)) {
            List<Map<String, Object>> ledgerRows = ledger.stream().filter(item -> row.get("category").equals(item.get("category")))
                    .toList();
            assertThat(row.get("lights")).isEqualTo(countLights(ledgerRows));
        }
        Map<String, Object> lagging = data.getList("lagging.items", Map.class).stream()
                .filter(item -> red.toString().equals(item.get("taskId"))).findFirst().orElseThrow();
        assertThat(lagging.get("light")).isEqualTo("RED");
        assertThat(lagging.get("causes")).isEqualTo("资金未到位");
        assertThat(lagging.get("measures")).isEqualTo("协调财政加快拨付");
        assertThat(data.getInt("lagging.total")).isEqualTo(3);
        assertThat(data.getList("completed.items.taskId")).containsExactly(done.toString());
        assertThat(data.getList("reportProblems.items.problems")).contains("资金未到位", "拆迁进度慢");
        assertThat(data.getList("reportedToLeaders.items.description")).containsExactly("征地补偿标准需市级统筹");
        assertThat(data.getInt("slips.find { it.type == 'URGING' }.issued")).isEqualTo(1);
        assertThat(data.getInt("slips.find { it.type == 'URGING' }.resolved")).isEqualTo(1);
        assertThat(data.getInt("previous.taskCount")).isEqualTo(2);
        assertThat(data.getInt("previous.lights.yellow")).isEqualTo(1);

        String markdown = created.path("markdown");
        assertThat(markdown).startsWith("# 2005年第三季度重点工作推进情况通报").contains("一、总体情况", "二、进展较好的任务",
                "三、进度滞后的任务", "四、存在的问题及对策", "五、督办情况", "六、下一步工作", "台账第1版", "城东快速路", "资金未到位",
                "征地补偿标准需市级统筹", "催办单");
        assertThat(events("briefing.drafted", id)).isEqualTo(1);

        // one briefing per quarter: a second draft names the first
        as("OFFICE").body(Map.of("quarter", "2005-Q3")).post("/api/v1/briefings").then().statusCode(409)
                .body("detail", containsString(id));
    }

    @Test
    void r10_an_open_month_is_briefed_from_its_stored_figures_and_refresh_takes_them_again() {
        UUID lead = unit("通报测算单位");
        UUID green = task(2004, "KEY_PROJECT", "产业园基础设施", lead, "ACTIVE", null);
        UUID red = task(2004, "KEY_PROJECT", "跨江大桥", lead, "ACTIVE", null);
        UUID declared = task(2004, "OTHER", "尚未入库的任务", lead, "SUBMITTED", null);
        figure(green, "2004-12", 80, 78, "GREEN");
        figure(red, "2004-12", 80, 50, "RED");
        figure(declared, "2004-12", 80, 10, "RED");

        Response created = draft("2004-Q4");
        assertThat(created.<String>path("data.source")).isEqualTo("FIGURES");
        assertThat(created.<Integer>path("data.taskCount")).isEqualTo(2);
        assertThat(created.<Map<String, Integer>>path("data.lights")).containsEntry("green", 1).containsEntry("red", 1);
        assertThat(created.<String>path("markdown")).contains("台账尚未冻结");
        String path = "/api/v1/briefings/" + created.path("id");

        figure(red, "2004-12", 80, 75, "GREEN");
        as("OFFICE").get(path).then().statusCode(200).body("data.lights.red", equalTo(1));
        as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("action", "REFRESH"))
                .post(path + "/transitions").then().statusCode(200).body("status", equalTo("DRAFT"))
                .body("data.lights.red", equalTo(0)).body("data.lights.green", equalTo(2)).body("version", equalTo(2));
    }

    @Test
    void r10_the_office_edits_with_if_match_publishes_for_good_and_only_then_units_and_the_public_see_it() {
        Map<String, Object> me = as("LEADER").get("/api/v1/me").then().statusCode(200).extract().as(Map.class);
        UUID leader = UUID.fromString((String) me.get("id"));
        UUID lead = unit("通报公开单位");
        UUID red = task(2003, "LIVELIHOOD", "农贸市场改造", lead, "ACTIVE", leader);
        figure(red, "2003-03", 60, 20, "RED");
        String unitId = lead.toString();

        Response created = draft("2003-Q1");
        String id = created.path("id");
        String path = "/api/v1/briefings/" + id;

        // a draft is the office's: units, leaders and the public do not see it
        asUnit("UNIT_LIAISON", unitId).get(path).then().statusCode(404);
        as("LEADER").get(path).then().statusCode(404);
        assertThat(asUnit("UNIT_LIAISON", unitId).queryParam("size", 200).get("/api/v1/briefings").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).doesNotContain(id);
        assertThat(as("OFFICE").queryParam("year", 2003).get("/api/v1/briefings").then().statusCode(200).extract()
                .jsonPath().getList("items.id")).containsExactly(id);
        anonymous().get("/api/v1/public/briefings/" + id).then().statusCode(404);
        assertThat(anonymous().get("/api/v1/public/briefings").then().statusCode(200).extract().jsonPath()
                .getList("items.id")).doesNotContain(id);

        // edits need the current ETag; a field not sent keeps its value
        deliberatelyInvalidAs("OFFICE", null).body(Map.of("title", "新标题")).put(path).then().statusCode(428);
        as("OFFICE").header("If-Match", "\"99\"").body(Map.of("title", "新标题")).put(path).then().statusCode(412);
        String etag = as("OFFICE").header("If-Match", created.header("ETag"))
                .body(Map.of("foreword", "现将一季度全市重点工作推进情况通报如下。", "conclusions", "各单位要抓紧整改。")).put(path)
                .then().statusCode(200).body("foreword", equalTo("现将一季度全市重点工作推进情况通报如下。"))
                .body("title", equalTo("2003年第一季度重点工作推进情况通报")).extract().header("ETag");
        etag = as("OFFICE").header("If-Match", etag).body(Map.of("title", "关于2003年一季度重点工作的通报")).put(path).then()
                .statusCode(200).body("title", equalTo("关于2003年一季度重点工作的通报"))
                .body("foreword", equalTo("现将一季度全市重点工作推进情况通报如下。"))
                .body("markdown", containsString("各单位要抓紧整改。")).extract().header("ETag");
        asUnit("UNIT_LIAISON", unitId).header("If-Match", etag).body(Map.of("title", "改")).put(path).then().statusCode(403);
        as("LEADER").header("If-Match", etag).body(Map.of("action", "PUBLISH")).post(path + "/transitions").then()
                .statusCode(403);

        // the printable page is HTML in Chinese
        String html = as("OFFICE").get(path + "/document").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(html).contains("关于2003年一季度重点工作的通报", "一、总体情况", "三、进度滞后的任务", "农贸市场改造", "草稿");

        etag = as("OFFICE").header("If-Match", etag).body(Map.of("action", "PUBLISH")).post(path + "/transitions").then()
                .statusCode(200).body("status", equalTo("PUBLISHED")).body("publishedAt", notNullValue())
                .extract().header("ETag");
        assertThat(events("briefing.published", id)).isEqualTo(1);
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "PUBLISH")).post(path + "/transitions").then()
                .statusCode(409);
        as("OFFICE").header("If-Match", etag).body(Map.of("foreword", "再改")).put(path).then().statusCode(409);

        asUnit("UNIT_LIAISON", unitId).get(path).then().statusCode(200).body("status", equalTo("PUBLISHED"));
        assertThat(asUnit("UNIT_LIAISON", unitId).queryParam("size", 200).get("/api/v1/briefings").then().statusCode(200)
                .extract().jsonPath().getList("items.id")).contains(id);

        // the public sees it with public fields only
        Response published = anonymous().get("/api/v1/public/briefings/" + id).then().statusCode(200)
                .header("Cache-Control", containsString("public")).body("title", equalTo("关于2003年一季度重点工作的通报"))
                .body("data.lagging.items[0].title", equalTo("农贸市场改造")).body("$", not(org.hamcrest.Matchers.hasKey("version")))
                .extract().response();
        String body = published.asString();
        assertThat(body).doesNotContain((String) me.get("displayName")).doesNotContain((String) me.get("username"))
                .doesNotContain(leader.toString());
        anonymous().header("If-None-Match", published.header("ETag")).get("/api/v1/public/briefings/" + id).then()
                .statusCode(304);
        assertThat(anonymous().get("/api/v1/public/briefings").then().statusCode(200).extract().jsonPath()
                .getList("items.id")).contains(id);
    }

    @Test
    void r10_the_quarterly_cycle_drafts_the_briefing_without_a_request_under_the_service_s_own_actor() throws Throwable {
        UUID lead = unit("通报周期单位");
        UUID task = task(2006, "OTHER", "周期起草的任务", lead, "ACTIVE", null);
        figure(task, "2006-12", 50, 45, "GREEN");

        BriefingView view = VertxContextSupport.subscribeAndAwait(() -> briefings.draft("2006-Q4"));
        assertThat(view.row().status()).isEqualTo(BriefingStatus.DRAFT);
        assertThat(view.row().data().taskCount()).isEqualTo(1);
        assertThat(view.markdown()).contains("2006年第四季度重点工作推进情况通报", "绿灯1项");
        assertThat(events("briefing.drafted", view.row().id().toString())).isEqualTo(1);
        long audited = database.preparedQuery("SELECT count(*) FROM audit_event WHERE action = 'BRIEFING_DRAFTED' AND object_id = $1")
                .execute(Tuple.of(view.row().id().toString())).await().indefinitely().iterator().next().getLong(0);
        assertThat(audited).isEqualTo(1);
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> briefings.draft("2006-Q4")))
                .isInstanceOf(Conflict.class);
        as("OFFICE").get("/api/v1/briefings/" + view.row().id()).then().statusCode(200).body("quarter", equalTo("2006-Q4"));
    }

    @Test
    void r10_roles_outside_the_briefing_are_refused() {
        as("ADMIN").get("/api/v1/briefings").then().statusCode(403);
        as("AUDITOR").get("/api/v1/briefings").then().statusCode(403);
        as("LEADER").body(Map.of("quarter", "2007-Q1")).post("/api/v1/briefings").then().statusCode(403);
        as("UNIT_HEAD").body(Map.of("quarter", "2007-Q1")).post("/api/v1/briefings").then().statusCode(403);
        as("OFFICE").get("/api/v1/briefings/" + UUID.randomUUID()).then().statusCode(404);
    }
}
