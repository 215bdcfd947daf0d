package cn.keywork.supervision.task.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.keywork.supervision.task.service.TaskSheet.SheetRow;
import cn.keywork.supervision.web.ApiProblem;

/** The sheet readers on their own: CSV as spreadsheets write it, cell references, date formats. */
class TaskSheetReadingTest {

    private static final String HEADER = "年度,类别,标题,目标任务,工作内容,完成时限,牵头单位代码\r\n";

    private static List<SheetRow> csv(String text) {
        return TaskSheet.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void csv_quotes_commas_line_breaks_and_doubled_quotes_inside_a_field_are_read_as_spreadsheets_write_them() {
        List<SheetRow> rows = csv(HEADER + "2026, OTHER ,\"标题,带逗号\",\"两行\r\n目标\",\"说\"\"好\"\"\" ,2026-12-31,A1\r\n"
                + "\r\n" + "2027,OTHER,t,g,c,2027-01-31,A2");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get(TaskSheet.CATEGORY)).isEqualTo("OTHER");
        assertThat(rows.get(0).get(TaskSheet.TITLE)).isEqualTo("标题,带逗号");
        assertThat(rows.get(0).get(TaskSheet.TARGET)).isEqualTo("两行\r\n目标");
        assertThat(rows.get(0).get(TaskSheet.CONTENT)).isEqualTo("说\"好\"");
        assertThat(rows.get(0).number()).isEqualTo(2);
        assertThat(rows.get(1).number()).as("an empty line is an empty row, as a spreadsheet shows it").isEqualTo(4);
        assertThat(rows.get(1).get(TaskSheet.LEAD)).isEqualTo("A2");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026,OTHER,\"not closed,g,c,2026-12-31,A1",
            "2026,OTHER,\"closed\" and more,g,c,2026-12-31,A1" })
    void csv_that_no_spreadsheet_writes_is_refused_as_syntax(String line) {
        assertThatThrownBy(() -> csv(HEADER + line + "\n")).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.errors().get(0).code().name()).isEqualTo("SYNTAX"));
    }

    @ParameterizedTest
    @CsvSource({ "A1, 0", "Z9, 25", "AA1, 26", "$B$2, 1", "XFD1048576, 16383", "XFE1, 2147483647",
            "ZZZZ1, 2147483647", "ZZZZZZZZZZZZ1, 2147483647", "17, 2147483647" })
    void a_cell_reference_gives_its_column_and_anything_past_excels_last_one_is_just_beyond(String ref, int column) {
        assertThat(XlsxCells.column(ref)).isEqualTo(column);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "14||true", "31||true", "58||true", "0||false", "49||false",
            "164|yyyy-mm-dd|true", "164|yyyy\"年\"m\"月\"d\"日\"|true", "164|[Red]0.00|false", "164|0.00\"d\"|false", "164|@|false" })
    void dates_are_told_by_built_in_formats_and_by_days_or_years_in_a_custom_one(int id, String code, boolean date) {
        assertThat(XlsxCells.isDateFormat(id, code)).isEqualTo(date);
    }
}
