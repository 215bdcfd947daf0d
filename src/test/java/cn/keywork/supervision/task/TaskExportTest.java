package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import cn.keywork.supervision.support.CsvRows;
import cn.keywork.supervision.support.XlsxSheets;
import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The task register as the offices' files (R1, R4): the list's rows as CSV or XLSX, with the breakdown's monthly plan. */
@QuarkusTest
class TaskExportTest {

    private static final String PATH = "/api/v1/tasks/export";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final int YEAR = 2031;
    private static final List<String> HEADERS = List.of("编号", "年度", "类别", "任务名称", "牵头单位", "配合单位", "责任领导", "状态",
            "当月亮灯", "完成时限", "目标任务", "工作内容", "配合事项", "主要负责人", "责任处室", "责任人", "责任人手机", "文号", "分解事项数");
    private static final String GUARDED_TITLE = "=HYPERLINK(\"http://x\",\"导出\")";

    @Inject
    Pool database;

    /** Unit L leads task a (cooperating unit P, a sub-item, a light this month) and cooperates on b, which O leads; O alone leads c. */
    private record Fixture(String lead, String partner, String other, String a, String b, String c) {
    }

    private Fixture fixture() {
        String lead = Units.registerId(uniqueCode("EL"), "导出牵头单位");
        String partner = Units.registerId(uniqueCode("EP"), "导出配合单位");
        String other = Units.registerId(uniqueCode("EO"), "导出其他单位");
        String leader = TestAccounts.createAccount("t-export-leader-" + UUID.randomUUID().toString().substring(0, 6), "LEADER", null);
        Map<String, Object> first = task(GUARDED_TITLE, lead, List.of(Map.of("unitId", partner, "responsibility", "保障资金")));
        first.put("leaderInChargeId", leader);
        first.put("responsiblePerson", Map.of("name", "王敏", "mobile", "13800000001"));
        // declared by its lead unit, broken down while a draft, then accepted into the register
        String a = asUnit("UNIT_LIAISON", lead).body(first).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String b = register(task("导出配合任务", other, List.of(Map.of("unitId", lead, "responsibility", "配合推进"))));
        Map<String, Object> third = task("导出无关任务", other, List.of());
        third.put("responsiblePerson", Map.of("name", "李四", "mobile", "13900000002"));
        String c = register(third);
        as("OFFICE").body(Map.of("content", "管网招标", "responsibleUnitId", partner, "deadline", YEAR + "-04-30",
                "responsiblePerson", "张三", "schedule", List.of(
                        Map.of("month", (YEAR - 1) + "-12", "plannedPercent", 10, "milestone", "前期准备"),
                        Map.of("month", YEAR + "-01", "plannedPercent", 20, "milestone", "启动"),
                        Map.of("month", YEAR + "-02", "plannedPercent", 30.5, "milestone", "完成招标"),
                        Map.of("month", YEAR + "-03", "plannedPercent", 60),
                        Map.of("month", YEAR + "-04", "plannedPercent", 100, "milestone", "完工"))))
                .post("/api/v1/tasks/" + a + "/sub-items").then().statusCode(201);
        move(asUnit("UNIT_LIAISON", lead), a, "SUBMIT");
        move(as("OFFICE"), a, "ACCEPT");
        new SlipFixtures(database).figure(a, YearMonth.now(ZoneId.of("Asia/Shanghai")).toString(), 60, 30, "RED");
        return new Fixture(lead, partner, other, a, b, c);
    }

    private static Map<String, Object> task(String title, String lead, List<Map<String, String>> cooperating) {
        return new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", title, "target", "目标，含逗号", "content",
                "内容\n两行", "deadline", YEAR + "-12-31", "leadUnitId", lead, "cooperatingUnits", cooperating));
    }

    private static void move(RequestSpecification request, String taskId, String action) {
        String etag = as("OFFICE").get("/api/v1/tasks/" + taskId).then().statusCode(200).extract().header("ETag");
        request.header("If-Match", etag).body(Map.of("action", action)).post("/api/v1/tasks/" + taskId + "/transitions").then()
                .statusCode(200);
    }

    private static String register(Map<String, Object> task) {
        return as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    private static String code(String taskId) {
        return as("OFFICE").get("/api/v1/tasks/" + taskId).then().statusCode(200).extract().path("code");
    }

    /** The codes the list shows with these filters, in its order (every page). */
    private static List<String> listed(RequestSpecification request, Map<String, Object> filters) {
        List<String> codes = request.queryParams(filters).queryParam("size", 200).get("/api/v1/tasks").then().statusCode(200)
                .extract().path("items.code");
        return codes;
    }

    private static List<List<String>> csv(RequestSpecification request, Map<String, Object> filters) {
        byte[] bytes = request.accept("text/csv").queryParams(filters).get(PATH).then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", containsString("filename*=UTF-8''%E9%87%8D%E7%82%B9%E4%BB%BB%E5%8A%A1-"))
                .extract().asByteArray();
        assertThat(new byte[] { bytes[0], bytes[1], bytes[2] }).containsExactly(0xEF, 0xBB, 0xBF);
        return CsvRows.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
    }

    private static List<String> codes(List<List<String>> table) {
        return table.subList(1, table.size()).stream().map(row -> row.get(0)).toList();
    }

    @Test
    void r1_the_csv_has_a_bom_chinese_headers_and_the_list_s_rows_with_the_same_filters() {
        Fixture f = fixture();
        Map<String, Object> filters = Map.of("unitId", f.lead(), "year", YEAR, "sort", "code");
        List<List<String>> table = csv(as("OFFICE"), filters);
        assertThat(table.get(0)).containsExactlyElementsOf(HEADERS);
        assertThat(codes(table)).containsExactlyElementsOf(listed(as("OFFICE"), filters)).hasSize(2)
                .containsExactlyInAnyOrder(code(f.a()), code(f.b()));
        List<String> a = table.stream().filter(row -> row.get(0).equals(code(f.a()))).findFirst().orElseThrow();
        // a formula-looking title is written as text
        assertThat(a.get(3)).isEqualTo("'" + GUARDED_TITLE);
        assertThat(a.subList(1, 3)).containsExactly(String.valueOf(YEAR), "其他");
        assertThat(a.get(4)).isEqualTo("导出牵头单位");
        assertThat(a.get(5)).isEqualTo("导出配合单位");
        assertThat(a.get(6)).isEqualTo("测试LEADER");
        assertThat(a.subList(7, 12)).containsExactly("推进中", "红灯", YEAR + "-12-31", "目标，含逗号", "内容\n两行");
        assertThat(a.get(12)).isEqualTo("导出配合单位：保障资金");
        assertThat(a.subList(15, 17)).containsExactly("王敏", "13800000001");
        assertThat(a.get(18)).isEqualTo("1");

        // the list's filters narrow it the same way: only the tasks L leads
        Map<String, Object> leads = Map.of("unitId", f.lead(), "unitRole", "LEAD");
        assertThat(codes(csv(as("LEADER"), leads))).containsExactlyElementsOf(listed(as("LEADER"), leads)).containsExactly(code(f.a()));
    }

    @Test
    void r1_a_unit_s_export_holds_only_the_tasks_it_may_list() {
        Fixture f = fixture();
        Map<String, Object> year = Map.of("year", YEAR);
        List<List<String>> own = csv(asUnit("UNIT_LIAISON", f.lead()), year);
        assertThat(codes(own)).containsExactlyElementsOf(listed(asUnit("UNIT_LIAISON", f.lead()), year))
                .contains(code(f.a()), code(f.b())).doesNotContain(code(f.c()));
        // the mobile of a task another unit leads stays hidden, as the task's page hides it
        List<String> b = own.stream().filter(row -> row.get(0).equals(code(f.b()))).findFirst().orElseThrow();
        assertThat(b.get(16)).isEmpty();
        List<String> a = own.stream().filter(row -> row.get(0).equals(code(f.a()))).findFirst().orElseThrow();
        assertThat(a.get(16)).isEqualTo("13800000001");
        // a filter on another unit cannot widen the scope
        Map<String, Object> other = Map.of("unitId", f.other(), "year", YEAR);
        assertThat(codes(csv(asUnit("UNIT_LIAISON", f.lead()), other))).containsExactly(code(f.b()));
    }

    @Test
    void r4_the_xlsx_has_the_tasks_and_the_sub_items_with_their_monthly_plan_in_the_month_columns() throws Exception {
        Fixture f = fixture();
        byte[] bytes = as("OFFICE").accept(XLSX).queryParam("format", "xlsx").queryParam("unitId", f.lead())
                .queryParam("year", YEAR).get(PATH).then().statusCode(200).header("Content-Type", startsWith(XLSX))
                .header("Content-Disposition", containsString("-" + YEAR + ".xlsx")).extract().asByteArray();
        Map<String, String> parts = XlsxSheets.parts(bytes);
        NodeList sheets = XlsxSheets.xml(parts.get("xl/workbook.xml")).getElementsByTagName("sheet");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < sheets.getLength(); i++) {
            names.add(((Element) sheets.item(i)).getAttribute("name"));
        }
        assertThat(names).containsExactly("重点任务", "分解事项");
        assertThat(parts.get("xl/worksheets/sheet1.xml")).contains("state=\"frozen\"").contains("<col ");
        assertThat(parts.get("xl/worksheets/sheet2.xml")).contains("state=\"frozen\"");
        assertThat(parts.get("xl/styles.xml")).contains("<b");

        List<List<String>> tasks = XlsxSheets.rows(parts, "xl/worksheets/sheet1.xml");
        assertThat(tasks.get(0)).containsExactlyElementsOf(HEADERS);
        assertThat(tasks.subList(1, tasks.size()).stream().map(row -> row.get(0)).toList())
                .containsExactlyElementsOf(listed(as("OFFICE"), Map.of("unitId", f.lead(), "year", YEAR)));
        // in a workbook a title is text anyway: written as it is
        assertThat(tasks.stream().anyMatch(row -> row.get(3).equals(GUARDED_TITLE))).isTrue();

        List<List<String>> items = XlsxSheets.rows(parts, "xl/worksheets/sheet2.xml");
        List<String> header = items.get(0);
        assertThat(header.subList(0, 8)).containsExactly("任务编号", "任务名称", "子项序号", "子项内容", "责任单位", "责任人", "完成时限", "权重");
        assertThat(header.subList(8, 21)).containsExactly("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月",
                "12月", "其他月份");
        assertThat(items).hasSize(2);
        List<String> item = items.get(1);
        assertThat(item.subList(0, 6)).containsExactly(code(f.a()), GUARDED_TITLE, "1", "管网招标", "导出配合单位", "张三");
        assertThat(item.get(header.indexOf("1月"))).isEqualTo("20%：启动");
        assertThat(item.get(header.indexOf("2月"))).isEqualTo("30.5%：完成招标");
        assertThat(item.get(header.indexOf("3月"))).isEqualTo("60%");
        assertThat(item.get(header.indexOf("4月"))).isEqualTo("100%：完工");
        assertThat(item.size() <= header.indexOf("5月") || item.get(header.indexOf("5月")).isEmpty()).isTrue();
        assertThat(item.get(header.indexOf("其他月份"))).isEqualTo((YEAR - 1) + "-12 10%：前期准备");
    }

    @Test
    void r1_the_export_is_kept_in_the_audit_trail_with_its_filters_and_rows() {
        Fixture f = fixture();
        csv(as("OFFICE"), Map.of("unitId", f.lead(), "year", YEAR));
        Row row = database.preparedQuery("SELECT actor_roles, detail FROM audit_event WHERE action = 'TASKS_EXPORTED' "
                + "AND detail LIKE $1 ORDER BY id DESC LIMIT 1").execute(Tuple.of("%unitId=" + f.lead() + "%"))
                .await().indefinitely().iterator().next();
        assertThat(row.getString(0)).isEqualTo("OFFICE");
        assertThat(row.getString(1)).startsWith("format=csv, tasks=2; filters: ").contains("year=" + YEAR);
    }

    @Test
    void r1_refusals_unknown_format_wrong_accept_no_token_and_a_role_without_the_list() {
        Api.deliberatelyInvalidAs("OFFICE", null).accept("text/csv").queryParam("format", "pdf").get(PATH).then().statusCode(400);
        Api.deliberatelyInvalidAs("OFFICE", null).accept("text/csv").queryParam("sort", "nope").get(PATH).then().statusCode(400);
        // the format picks the type, which Accept must allow
        Api.deliberatelyInvalidAs("OFFICE", null).accept("application/json").get(PATH).then().statusCode(406);
        as("OFFICE").accept("text/csv").queryParam("format", "xlsx").get(PATH).then().statusCode(406);
        Api.anonymous().accept("text/csv").get(PATH).then().statusCode(401);
        as("AUDITOR").accept("text/csv").get(PATH).then().statusCode(403);
        as("EVALUATOR").accept("text/csv").get(PATH).then().statusCode(403);
    }
}
