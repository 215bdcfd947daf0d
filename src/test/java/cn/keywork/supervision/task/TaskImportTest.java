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
}
