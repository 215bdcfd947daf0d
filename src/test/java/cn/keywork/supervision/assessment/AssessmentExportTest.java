package cn.keywork.supervision.assessment;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.CsvRows;
import cn.keywork.supervision.support.XlsxSheets;
import cn.keywork.supervision.support.AssessmentFixtures;
import cn.keywork.supervision.support.AssessmentFixtures.Rule;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/** The annual assessment's exports for the 跨越发展考核 system (R16): CSV, XLSX and JSON whose totals are the API's. */
@QuarkusTest
class AssessmentExportTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final List<String> HEADERS = List.of("单位代码", "单位名称", "单位类型", "基础分", "加分", "减分", "总分", "排名", "状态");

    @Inject
    Pool database;

    private record Fixture(int year, String a, String b, String entry) {
    }

    private Fixture fixture() {
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        int year = AssessmentFixtures.freshYear();
        String book = fixtures.activeRuleBook(year, List.of(new Rule("COMPLETED_ON_TIME", "task.completed", 3, "LEAD", 0.5, null),
                new Rule("SUPERVISION_ORDER", "slip.deduction_basis", -2, "TARGET", 0, null)));
        String a = Units.register(uniqueCode("XA"), "外报单位，甲", "MUNICIPAL_DEPARTMENT").path("id");
        String b = Units.register(uniqueCode("XB"), "外报单位乙", "COUNTY_GOVERNMENT").path("id");
        String completed = fixtures.event("task.completed", "Task", UUID.randomUUID().toString(), List.of(a), null, "{}");
        String entry = fixtures.entry(a, year, 3, "COMPLETED_ON_TIME", book, completed);
        String order = fixtures.event("slip.deduction_basis", "Slip", UUID.randomUUID().toString(), List.of(b), null, "{}");
        fixtures.entry(b, year, -2, "SUPERVISION_ORDER", book, order);
        fixtures.entry(a, year, -2, "SUPERVISION_ORDER", book,
                fixtures.event("slip.deduction_basis", "Slip", UUID.randomUUID().toString(), List.of(a), null, "{}"));
        return new Fixture(year, a, b, entry);
    }

    /** The API's totals by unit code. */
    private static Map<String, BigDecimal> apiTotals(int year) {
        JsonPath summary = as("ASSESSMENT").get("/api/v1/assessment/summaries/" + year).then().statusCode(200).extract().jsonPath();
        Map<String, BigDecimal> totals = new HashMap<>();
        List<Map<String, Object>> items = summary.getList("items");
        for (Map<String, Object> item : items) {
            totals.put((String) item.get("unitCode"), points(item.get("total").toString()));
        }
        return totals;
    }

    private static Map<String, BigDecimal> totalsOf(List<List<String>> table) {
        Map<String, BigDecimal> totals = new HashMap<>();
        for (List<String> row : table.subList(1, table.size())) {
            totals.put(row.get(0), points(row.get(6)));
        }
        return totals;
    }

    @Test
    void r16_the_csv_has_a_bom_chinese_headers_and_the_api_s_totals() {
        Fixture f = fixture();
        byte[] bytes = as("ASSESSMENT").accept("text/csv").queryParam("format", "csv")
                .get("/api/v1/assessment/summaries/" + f.year() + "/export").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", containsString("filename*=UTF-8''%E8%80%83%E6%A0%B8%E6%B1%87%E6%80%BB-" + f.year()))
                .extract().asByteArray();
        assertThat(new byte[] { bytes[0], bytes[1], bytes[2] }).containsExactly(0xEF, 0xBB, 0xBF);
        List<List<String>> table = CsvRows.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(table.get(0)).containsExactlyElementsOf(HEADERS);
        assertThat(table).hasSize(3);
        assertThat(totalsOf(table)).isEqualTo(apiTotals(f.year()));
        List<String> first = table.stream().filter(row -> row.get(1).equals("外报单位，甲")).findFirst().orElseThrow();
        assertThat(first.subList(2, 9)).containsExactly("市委办局", "100.00", "3.00", "-2.00", "101.00", "1", "暂定");

        // a unit exports its own row only
        byte[] own = asUnit("UNIT_LIAISON", f.b()).accept("text/csv").get("/api/v1/assessment/summaries/" + f.year() + "/export")
                .then().statusCode(200).extract().asByteArray();
        List<List<String>> ownTable = CsvRows.parse(new String(own, 3, own.length - 3, StandardCharsets.UTF_8));
        assertThat(ownTable).hasSize(2);
        assertThat(ownTable.get(1).get(1)).isEqualTo("外报单位乙");
    }

    @Test
    void r16_the_xlsx_has_the_units_and_every_entry_with_its_basis_and_the_api_s_totals() throws Exception {
        Fixture f = fixture();
        as("ASSESSMENT").post("/api/v1/assessment/summaries/" + f.year() + "/freeze").then().statusCode(200);
        byte[] bytes = as("ASSESSMENT").accept(XLSX).queryParam("format", "xlsx")
                .get("/api/v1/assessment/summaries/" + f.year() + "/export").then().statusCode(200)
                .header("Content-Type", startsWith(XLSX)).header("Content-Disposition", containsString(".xlsx"))
                .extract().asByteArray();
        List<List<String>> units = XlsxSheets.rows(bytes, 1);
        List<List<String>> entries = XlsxSheets.rows(bytes, 2);
        assertThat(units.get(0)).containsExactlyElementsOf(HEADERS);
        assertThat(totalsOf(units)).isEqualTo(apiTotals(f.year()));
        assertThat(units.get(1).get(8)).isEqualTo("已冻结");
        assertThat(entries.get(0)).startsWith("单位代码", "单位名称", "记录编号", "分值", "来源", "规则代码", "细则版本", "来源事件类型");
        assertThat(entries).hasSize(4);
        List<String> entry = entries.stream().filter(row -> row.get(2).equals(f.entry())).findFirst().orElseThrow();
        assertThat(new BigDecimal(entry.get(3))).isEqualByComparingTo("3");
        assertThat(entry.subList(4, 8)).containsExactly("日常督查", "COMPLETED_ON_TIME", "1", "task.completed");
        // the entries' points reconcile with the units' totals (no caps in this rule book)
        Map<String, BigDecimal> sums = new HashMap<>();
        for (List<String> row : entries.subList(1, entries.size())) {
            sums.merge(row.get(0), new BigDecimal(row.get(3)), BigDecimal::add);
        }
        for (List<String> row : units.subList(1, units.size())) {
            assertThat(new BigDecimal(row.get(3)).add(sums.get(row.get(0)))).isEqualByComparingTo(row.get(6));
        }
    }

    @Test
    void r16_the_json_export_is_the_summary() {
        Fixture f = fixture();
        JsonPath exported = as("LEADER").queryParam("format", "json").get("/api/v1/assessment/summaries/" + f.year() + "/export")
                .then().statusCode(200).header("Content-Disposition", containsString(".json")).body("year", equalTo(f.year()))
                .extract().jsonPath();
        Map<String, BigDecimal> totals = new HashMap<>();
        List<Map<String, Object>> items = exported.getList("items");
        items.forEach(item -> totals.put((String) item.get("unitCode"), points(item.get("total").toString())));
        assertThat(totals).isEqualTo(apiTotals(f.year()));
        as("LEADER").accept("text/csv, application/problem+json").get("/api/v1/assessment/summaries/2999/export").then()
                .statusCode(404);
    }

    /** Points compared by value, whatever their scale (101, 101.0, 101.00). */
    private static BigDecimal points(String text) {
        return new BigDecimal(text).stripTrailingZeros();
    }
}
