package cn.keywork.supervision.progress.lights;

import static cn.keywork.supervision.progress.lights.ProgressFixture.plan;
import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.CsvRows;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** R5, R13: closing freezes the ledger, corrections add versions, publishing, events, and the exports. */
@QuarkusTest
class LedgerTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    Pool database;

    private ProgressFixture seed;

    @BeforeEach
    void fixture() {
        seed = new ProgressFixture(database);
    }

    private static UUID unit(String name) {
        return UUID.fromString(Units.registerId(uniqueCode("LG"), name));
    }

    private static Map<String, Object> row(JsonPath ledger, UUID task) {
        List<Map<String, Object>> items = ledger.getList("items");
        return items.stream().filter(item -> task.toString().equals(item.get("taskId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger row for " + task));
    }

    private List<Row> lightEvents(UUID task) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery("SELECT payload, unit_ids, period FROM domain_event WHERE type = 'light.changed' AND object_id = $1 ORDER BY seq")
                .execute(Tuple.of(task.toString())).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void r5_closing_freezes_the_month_with_not_reported_and_a_correction_keeps_both_versions() {
        String period = "2016-03";
        UUID lead = unit("台账牵头单位");
        UUID partner = unit("台账配合单位");
        UUID reported = seed.task(2016, "KEY_PROJECT", "已报送任务", lead, LocalDate.of(2016, 12, 31), "ACTIVE", partner);
        UUID reportedItem = seed.subItem(reported, lead, 1, LocalDate.of(2016, 12, 31), plan("2016-03", 30, "2016-12", 100));
        seed.report(reported, period, "ACCEPTED", Map.of(reportedItem, 25));
        UUID missing = seed.task(2016, "KEY_PROJECT", "未报送任务", lead, LocalDate.of(2016, 12, 31), "ACTIVE");
        UUID missingItem = seed.subItem(missing, lead, 1, LocalDate.of(2016, 12, 31), plan("2016-03", 30, "2016-12", 100));
        seed.report(missing, period, "SUBMITTED", Map.of(missingItem, 28));

        JsonPath open = as("OFFICE").queryParam("size", 200).get("/api/v1/ledgers/" + period).then().statusCode(200)
                .body("status", equalTo("OPEN")).extract().jsonPath();
        assertThat(row(open, missing).get("light")).isEqualTo("RED");
        as("OFFICE").get("/api/v1/ledgers/" + period + "/versions").then().statusCode(404);

        Response closed = as("OFFICE").post("/api/v1/ledgers/" + period + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("latestVersion", equalTo(1)).extract().response();
        as("OFFICE").post("/api/v1/ledgers/" + period + "/close").then().statusCode(409);

        JsonPath first = as("OFFICE").queryParam("size", 200).get("/api/v1/ledgers/" + period).then().statusCode(200)
                .header("ETag", closed.header("ETag")).body("status", equalTo("CLOSED")).body("version", equalTo(1))
                .extract().jsonPath();
        Map<String, Object> frozen = row(first, reported);
        assertThat(frozen.get("light")).isEqualTo("GREEN");
        assertThat(frozen.get("cooperatingUnitNames")).isEqualTo(List.of("台账配合单位"));
        assertThat(frozen.get("problems")).isEqualTo("存在问题：资金");
        assertThat(row(first, missing).get("light")).isEqualTo("NOT_REPORTED");
        assertThat(row(first, missing).get("summary")).isNull();

        // Frozen rows never change, not even by hand.
        assertThatThrownBy(() -> database.preparedQuery("UPDATE ledger_row SET light = 'GREEN' WHERE task_id = $1")
                .execute(Tuple.of(missing)).await().indefinitely()).hasMessageContaining("frozen");

        // The report is accepted late; a correction snapshots version 2 and the light change is an event.
        database.preparedQuery("UPDATE progress_report SET status = 'ACCEPTED' WHERE task_id = $1").execute(Tuple.of(missing))
                .await().indefinitely();
        as("OFFICE").header("If-Match", "\"0\"").body(Map.of("reason", "补录")).post("/api/v1/ledgers/" + period + "/versions")
                .then().statusCode(412);
        String etag = as("OFFICE").header("If-Match", closed.header("ETag")).body(Map.of("reason", "补录已受理的报告"))
                .post("/api/v1/ledgers/" + period + "/versions").then().statusCode(201)
                .body("number", equalTo(2)).body("reason", equalTo("补录已受理的报告")).extract().header("ETag");

        JsonPath second = as("OFFICE").queryParam("size", 200).get("/api/v1/ledgers/" + period).then().statusCode(200)
                .body("version", equalTo(2)).extract().jsonPath();
        assertThat(row(second, missing).get("light")).isEqualTo("GREEN");
        JsonPath again = as("OFFICE").queryParam("size", 200).queryParam("version", 1).get("/api/v1/ledgers/" + period).then()
                .statusCode(200).body("version", equalTo(1)).extract().jsonPath();
        assertThat(row(again, missing).get("light")).isEqualTo("NOT_REPORTED");
        as("OFFICE").queryParam("version", 3).get("/api/v1/ledgers/" + period).then().statusCode(404);
        as("OFFICE").get("/api/v1/ledgers/" + period + "/versions").then().statusCode(200)
                .body("number", equalTo(List.of(1, 2))).body("published", equalTo(List.of(false, false)));

        List<Row> events = lightEvents(missing);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getJsonObject("payload").getString("from")).isEqualTo("NOT_REPORTED");
        assertThat(events.get(0).getJsonObject("payload").getString("to")).isEqualTo("GREEN");
        assertThat(events.get(0).getJsonObject("payload").getString("period")).isEqualTo(period);
        assertThat(events.get(0).getJsonObject("payload").fieldNames()).containsExactlyInAnyOrder("taskId", "code", "period", "from", "to");
        assertThat(lightEvents(reported)).isEmpty();

        // Publishing shows the latest version; publishing it twice is refused.
        as("OFFICE").header("If-Match", etag).post("/api/v1/ledgers/" + period + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("publishedVersion", equalTo(2));
        String published = as("OFFICE").get("/api/v1/ledgers/" + period).then().extract().header("ETag");
        as("OFFICE").header("If-Match", published).post("/api/v1/ledgers/" + period + "/publish").then().statusCode(409);
        Row ledgerEvents = database.preparedQuery("SELECT count(*) FILTER (WHERE type = 'ledger.closed'), "
                + "count(*) FILTER (WHERE type = 'ledger.published') FROM domain_event WHERE object_type = 'LEDGER' AND object_id = $1")
                .execute(Tuple.of(period)).await().indefinitely().iterator().next();
        assertThat(ledgerEvents.getLong(0)).isEqualTo(1);
        assertThat(ledgerEvents.getLong(1)).isEqualTo(1);

        // The public page, kept by the service once read, shows a new publication at once, not a correction before it.
        anonymous().get("/api/v1/public/ledgers/" + period).then().statusCode(200).body("version", equalTo(2));
        String third = as("OFFICE").header("If-Match", published).body(Map.of("reason", "再次更正"))
                .post("/api/v1/ledgers/" + period + "/versions").then().statusCode(201).extract().header("ETag");
        anonymous().get("/api/v1/public/ledgers/" + period).then().statusCode(200).body("version", equalTo(2));
        as("OFFICE").header("If-Match", third).post("/api/v1/ledgers/" + period + "/publish").then().statusCode(200);
        anonymous().get("/api/v1/public/ledgers/" + period).then().statusCode(200).body("version", equalTo(3));
    }

    @Test
    void r5_only_the_office_closes_and_a_month_not_begun_has_no_ledger() {
        UUID lead = unit("关账权限单位");
        asUnit("UNIT_HEAD", lead.toString()).post("/api/v1/ledgers/2015-01/close").then().statusCode(403);
        as("OFFICE").post("/api/v1/ledgers/2999-01/close").then().statusCode(404);
        as("OFFICE").get("/api/v1/ledgers/2999-01").then().statusCode(404);
    }

    @Test
    void r13_the_csv_starts_with_the_bom_and_round_trips_chinese() {
        String period = "2012-05";
        UUID lead = unit("导出牵头单位，含逗号");
        String title = "城区\"污水\"管网，改造\n一期";
        UUID task = seed.task(2012, "LIVELIHOOD", title, lead, LocalDate.of(2012, 12, 31), "ACTIVE");
        seed.subItem(task, lead, 1, LocalDate.of(2012, 12, 31), plan("2012-05", 40, "2012-12", 100));

        Response csv = as("OFFICE").accept("text/csv").queryParam("format", "csv").get("/api/v1/ledgers/" + period + "/export")
                .then().statusCode(200).header("Content-Type", startsWith("text/csv"))
                .header("Content-Disposition", containsString("filename*=UTF-8''%E5%8F%B0%E8%B4%A6-" + period + ".csv"))
                .extract().response();
        byte[] bytes = csv.asByteArray();
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<List<String>> table = CsvRows.parse(text);
        assertThat(table.get(0)).startsWith("序号", "任务编号", "任务名称", "类别", "牵头单位");
        List<String> line = table.stream().filter(r -> r.size() > 2 && r.get(2).equals(title)).findFirst().orElseThrow();
        assertThat(line.get(3)).isEqualTo("十件民生实事");
        assertThat(line.get(4)).isEqualTo("导出牵头单位，含逗号");
        assertThat(line.get(11)).isEqualTo("红灯");
    }

    @Test
    void r13_the_xlsx_opens_with_chinese_headers_and_a_frozen_version_is_exported_as_frozen() throws IOException {
        String period = "2011-08";
        UUID lead = unit("表格牵头单位");
        UUID task = seed.task(2011, "KEY_PROJECT", "表格导出任务", lead, LocalDate.of(2011, 12, 31), "ACTIVE");
        seed.subItem(task, lead, 1, LocalDate.of(2011, 12, 31), plan("2011-08", 40, "2011-12", 100));
        as("OFFICE").post("/api/v1/ledgers/" + period + "/close").then().statusCode(200);

        byte[] xlsx = as("OFFICE").accept(XLSX).queryParam("format", "xlsx").queryParam("version", 1)
                .get("/api/v1/ledgers/" + period + "/export").then().statusCode(200).header("Content-Type", startsWith(XLSX))
                .header("Content-Disposition", containsString("-v1.xlsx")).extract().asByteArray();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ledger", ".xlsx");
        String sheet;
        String shared;
        try {
            java.nio.file.Files.write(file, xlsx);
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
                sheet = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
                ZipEntry strings = zip.getEntry("xl/sharedStrings.xml");
                shared = strings == null ? "" : new String(zip.getInputStream(strings).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            java.nio.file.Files.delete(file);
        }
        sheet = unescape(sheet);
        shared = unescape(shared);
        assertThat(sheet).contains("表格导出任务").contains("未报送").contains("十项重点工程");
        assertThat(sheet + shared).contains("任务名称").contains("滞后(百分点)");
        as("OFFICE").accept(XLSX + ", application/problem+json").queryParam("format", "xlsx").queryParam("version", 2)
                .get("/api/v1/ledgers/" + period + "/export").then().statusCode(404);
    }

    /** XML numeric character references (the writer escapes every non-ASCII character) back to text. */
    private static String unescape(String xml) {
        return java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml)
                .replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
    }
}
