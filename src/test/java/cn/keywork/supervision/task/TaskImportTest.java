package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.task.service.TaskSheet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** R2: bulk declaration from CSV (UTF-8, GBK) and XLSX; one bad row saves nothing. */
@QuarkusTest
class TaskImportTest {

    private static final String HEADER = "年度,类别,标题,目标任务,工作内容,完成时限,牵头单位代码,配合单位（代码:配合事项;…）,责任人,责任人手机";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private record Units(String leadCode, String leadId, String partnerCode) {
    }

    private static Units units() {
        String leadCode = uniqueCode("IMP");
        String partnerCode = uniqueCode("IMQ");
        String leadId = cn.keywork.supervision.support.Units.registerId(leadCode, "导入牵头单位");
        cn.keywork.supervision.support.Units.registerId(partnerCode, "导入配合单位");
        return new Units(leadCode, leadId, partnerCode);
    }

    private static RequestSpecification upload(String role, String unitId) {
        String token = unitId == null ? TestAccounts.token(role) : TestAccounts.token(role, unitId);
        return Api.deliberatelyInvalidAnonymous().auth().oauth2(token).accept("application/json, application/problem+json");
    }

    private static String rows(Units u, String marker) {
        return HEADER + "\n"
                + "2026,十项重点工程,污水管网" + marker + ",改造 50 公里,\"雨污分流,管网新建\",2026-12-31," + u.leadCode() + ","
                + u.partnerCode() + ":负责环评,王敏,13800000001\n"
                + "2026,OTHER,政务服务" + marker + ",一网通办,优化流程,2026/11/30," + u.leadCode() + ",,,\n";
    }

    private static int countWith(String marker) {
        return as("OFFICE").queryParam("q", marker).get("/api/v1/tasks").then().statusCode(200).extract().path("total");
    }

    @Test
    void r2_a_unit_declares_many_tasks_from_a_utf8_csv_with_bom() {
        Units u = units();
        String marker = uniqueCode("U8");
        byte[] bom = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf };
        byte[] csv = rows(u, marker).getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + csv.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(csv, 0, body, bom.length, csv.length);
        upload("UNIT_LIAISON", u.leadId()).contentType("text/csv").body(body).post("/api/v1/tasks/import")
                .then().statusCode(200).body("created", equalTo(2))
                .body("tasks.status", hasItems("DRAFT"))
                .body("tasks.title", hasItem("污水管网" + marker));
        assertThat(countWith(marker)).isEqualTo(2);
    }

    @Test
    void r2_a_gbk_csv_as_excel_writes_it_is_read_correctly() {
        Units u = units();
        String marker = uniqueCode("GBK");
        byte[] body = rows(u, marker).getBytes(Charset.forName("GBK"));
        upload("OFFICE", null).contentType("text/csv").body(body).post("/api/v1/tasks/import")
                .then().statusCode(200).body("created", equalTo(2))
                .body("tasks.status", hasItems("ACTIVE"))
                .body("tasks.title", hasItem("政务服务" + marker));
    }

    @Test
    void r2_an_xlsx_workbook_is_declared() throws Exception {
        Units u = units();
        String marker = uniqueCode("XL");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook workbook = new Workbook(out, "test", "1.0");
        Worksheet sheet = workbook.newWorksheet("申报");
        List<String> headers = List.of("年度", "类别", "标题", "目标任务", "工作内容", "完成时限", "牵头单位代码");
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
        }
        sheet.value(1, 0, 2026);
        sheet.value(1, 1, "十件民生实事");
        sheet.value(1, 2, "老旧小区" + marker);
        sheet.value(1, 3, "改造 86 个小区");
        sheet.value(1, 4, "加装电梯、管网更新");
        sheet.value(1, 5, java.time.LocalDate.of(2026, 12, 31));
        sheet.style(1, 5).format("yyyy-mm-dd").set();
        sheet.value(1, 6, u.leadCode());
        workbook.finish();
        upload("UNIT_HEAD", u.leadId()).contentType(XLSX).body(out.toByteArray()).post("/api/v1/tasks/import")
                .then().statusCode(200).body("created", equalTo(1))
                .body("tasks[0].category", equalTo("LIVELIHOOD"))
                .body("tasks[0].deadline", equalTo("2026-12-31"));
    }

    @Test
    void r2_one_bad_row_answers_every_error_and_saves_nothing() {
        Units u = units();
        String marker = uniqueCode("BAD");
        String csv = rows(u, marker) + "2026,不存在的类别,坏行" + marker + ",目标,内容,2026-13-45,NOPE-" + UUID.randomUUID()
                .toString().substring(0, 4) + ",,,12345\n";
        upload("OFFICE", null).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tasks/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("row 4: 类别", "row 4: 完成时限", "row 4: 牵头单位代码", "row 4: 责任人手机"));
        assertThat(countWith(marker)).isZero();
    }

    @Test
    void r2_a_rule_broken_by_a_later_row_rolls_the_whole_sheet_back() {
        Units u = units();
        String marker = uniqueCode("LIM");
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        int year = 2100; // no other test uses it, and this sheet never saves anything
        for (int i = 0; i < 11; i++) {
            csv.append(year).append(",十项重点工程,重点").append(marker).append(i).append(",目标,内容,").append(year)
                    .append("-12-31,").append(u.leadCode()).append(",,,\n");
        }
        upload("OFFICE", null).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.startsWith("row 12:"));
        assertThat(countWith(marker)).isZero();
    }

    @Test
    void r2_the_template_is_an_xlsx_with_the_chinese_headers() {
        byte[] template = upload("UNIT_LIAISON", units().leadId()).accept(XLSX + ", application/problem+json")
                .get("/api/v1/tasks/import-template").then().statusCode(200)
                .contentType(XLSX)
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("key-task-template.xlsx"))
                .extract().asByteArray();
        List<TaskSheet.SheetRow> rows = TaskSheet.read(template);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cells().keySet()).containsExactlyElementsOf(TaskSheet.COLUMNS);
        assertThat(rows.get(0).get(TaskSheet.CATEGORY)).isEqualTo("十项重点工程");
    }

    // --- Hostile uploads: bounded in work, not only in bytes ----------------------------------------

    private static final String XLSX_HEADERS = "<row r=\"1\">" + inline("A1", "年度") + inline("B1", "类别") + inline("C1", "标题")
            + inline("D1", "目标任务") + inline("E1", "工作内容") + inline("F1", "完成时限") + inline("G1", "牵头单位代码")
            + inline("H1", "主要负责人") + "</row>";

    private static String inline(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    private static String dataRow(int row, String leadCode, String title) {
        return "<row r=\"" + row + "\"><c r=\"A" + row + "\"><v>2026</v></c>" + inline("B" + row, "其他") + inline("C" + row, title)
                + inline("D" + row, "目标") + inline("E" + row, "内容") + inline("F" + row, "2026-12-31") + inline("G" + row, leadCode)
                + "</row>";
    }

    /** An XLSX package written part by part, so that the sheet's raw XML is exactly what the test says. */
    private static byte[] handMadeXlsx(String sheetXml) {
        return handMadeXlsx(out -> out.write(sheetXml.getBytes(StandardCharsets.UTF_8)));
    }

    private interface SheetWriter {
        void write(java.io.OutputStream out) throws java.io.IOException;
    }

    private static byte[] handMadeXlsx(SheetWriter sheet) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            part(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
                    + "</Types>");
            part(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            part(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"申报\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            part(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                    + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
                    + "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "</Relationships>");
            part(zip, "xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cellXfs count=\"1\"><xf numFmtId=\"0\"/></cellXfs></styleSheet>");
            part(zip, "xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"0\" uniqueCount=\"0\"/>");
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            sheet.write(zip);
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void part(java.util.zip.ZipOutputStream zip, String name, String xml) throws java.io.IOException {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(xml.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String worksheet(String rows) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
                + "<sheetData>" + rows + "</sheetData></worksheet>";
    }

    private static io.restassured.response.ValidatableResponse uploadXlsx(byte[] xlsx) {
        return upload("OFFICE", null).contentType(XLSX).body(xlsx).post("/api/v1/tasks/import").then()
                .contentType("application/problem+json");
    }

    @Test
    void r2_a_cell_far_right_of_the_template_is_refused_by_its_column_without_filling_the_columns_before_it() {
        Units u = units();
        uploadXlsx(handMadeXlsx(worksheet(XLSX_HEADERS + dataRow(2, u.leadCode(), uniqueCode("FAR"))
                + "<row r=\"1048576\">" + inline("XFD1048576", "x") + "</row>")))
                .statusCode(400).body("type", equalTo("urn:keywork:problem:validation"))
                .body("errors[0].field", equalTo("row 1048576: column XFD")).body("errors[0].code", equalTo("SIZE"));
        uploadXlsx(handMadeXlsx(worksheet("<row r=\"1\">" + inline("A1", "年度") + inline("ZZZZZZZ1", "x") + "</row>")))
                .statusCode(400).body("errors[0].field", equalTo("row 1: column beyond XFD"));
    }

    @Test
    void r2_empty_formatted_cells_far_right_and_empty_rows_do_not_stop_a_sheet() {
        Units u = units();
        String marker = uniqueCode("FMT");
        byte[] xlsx = handMadeXlsx(worksheet(XLSX_HEADERS + dataRow(2, u.leadCode(), "格式" + marker)
                .replace("</row>", "<c r=\"XFD2\" s=\"0\"/></row>") + "<row r=\"3\"/><row r=\"1048576\"><c r=\"XFD1048576\"/></row>"));
        upload("OFFICE", null).contentType(XLSX).body(xlsx).post("/api/v1/tasks/import")
                .then().statusCode(200).body("created", equalTo(1));
    }

    @Test
    void r2_numbers_with_a_huge_exponent_or_a_hundred_thousand_digits_are_refused_before_conversion() {
        Units u = units();
        String huge = "<row r=\"3\"><c r=\"A3\"><v>1E9999999</v></c></row>";
        String long_ = "<row r=\"4\"><c r=\"A4\"><v>1" + "0".repeat(100_000) + "</v></c></row>";
        uploadXlsx(handMadeXlsx(worksheet(XLSX_HEADERS + dataRow(2, u.leadCode(), uniqueCode("EXP")) + huge + long_)))
                .statusCode(400).body("type", equalTo("urn:keywork:problem:validation"))
                .body("errors.field", hasItems("row 3: 年度", "row 4: 年度"))
                .body("errors.code", hasItems("FORMAT"));
    }

    @Test
    void r2_a_cell_longer_than_any_field_is_refused_in_xlsx_and_csv() {
        Units u = units();
        String endless = "长".repeat(100_000);
        String endlessAscii = "x".repeat(100_000); // the test client's body limit is 256 KiB
        uploadXlsx(handMadeXlsx(worksheet(XLSX_HEADERS + dataRow(2, u.leadCode(), uniqueCode("LONG"))
                .replace("</row>", inline("H2", endless) + "</row>"))))
                .statusCode(400).body("errors[0].field", equalTo("row 2: 主要负责人"))
                .body("errors[0].code", equalTo("SIZE"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("4000 characters in a cell"));
        String csv = "年度,类别,标题,目标任务,工作内容,完成时限,牵头单位代码,主要负责人\n2026,OTHER,长,目标,内容,2026-12-31,"
                + u.leadCode() + ",\"" + endlessAscii + "\"\n";
        upload("OFFICE", null).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tasks/import")
                .then().statusCode(400).body("errors[0].field", equalTo("row 2: 主要负责人"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("4000 characters in a cell"));
    }

    @Test
    void r2_csv_content_right_of_the_template_is_refused_not_dropped() {
        Units u = units();
        String marker = uniqueCode("WIDE");
        String csv = "年度,类别,标题,目标任务,工作内容,完成时限,牵头单位代码\n2026,OTHER,宽" + marker + ",目标,内容,2026-12-31,"
                + u.leadCode() + ",".repeat(16) + "备注" + ",".repeat(100_000) + "\n"; // 备注 in column W
        upload("OFFICE", null).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8)).post("/api/v1/tasks/import")
                .then().statusCode(400).body("errors[0].field", equalTo("row 2: column W"));
        assertThat(countWith(marker)).isZero();
    }

    @Test
    void r2_more_rows_than_the_limit_are_refused_with_413_in_xlsx_and_csv() {
        Units u = units();
        StringBuilder rows = new StringBuilder(XLSX_HEADERS);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int r = 2; r <= 2002; r++) {
            rows.append(dataRow(r, u.leadCode(), "行" + r));
            csv.append("2026,OTHER,行").append(r).append(",目标,内容,2026-12-31,").append(u.leadCode()).append(",,,\n");
        }
        uploadXlsx(handMadeXlsx(worksheet(rows.toString())))
                .statusCode(413).body("type", equalTo("urn:keywork:problem:payload-too-large"))
                .body("detail", org.hamcrest.Matchers.containsString("2000"));
        upload("OFFICE", null).contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import").then().statusCode(413)
                .body("type", equalTo("urn:keywork:problem:payload-too-large"));
    }

    @Test
    void r2_a_zip_bomb_sheet_is_refused_with_413_once_the_unpacked_limit_is_read() {
        byte[] bomb = handMadeXlsx(out -> {
            out.write(worksheet("").replace("</sheetData></worksheet>", "").getBytes(StandardCharsets.UTF_8));
            byte[] spaces = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int mib = 0; mib < 80; mib++) {
                out.write(spaces);
            }
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        assertThat(bomb.length).isLessThan(256 * 1024);
        uploadXlsx(bomb).statusCode(413).body("type", equalTo("urn:keywork:problem:payload-too-large"))
                .body("detail", org.hamcrest.Matchers.containsString("max-unpacked-size"));
    }

    @Test
    void r2_an_xml_entity_bomb_is_refused_without_expanding_it() {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
                + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
                + "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
                + "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + XLSX_HEADERS + "<row r=\"2\">" + inline("A2", "&i;") + "</row></sheetData></worksheet>";
        uploadXlsx(handMadeXlsx(laughs)).statusCode(400).body("type", equalTo("urn:keywork:problem:validation"))
                .body("errors[0].code", equalTo("SYNTAX"));
    }
}
