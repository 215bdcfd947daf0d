package cn.keywork.supervision.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The exports' CSV: quoting, plain numbers and no formula a spreadsheet would run. */
class CsvTextTest {

    @Test
    void a_cell_that_a_spreadsheet_would_take_for_a_formula_is_written_as_text() {
        assertThat(CsvText.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvText.cell("+1")).isEqualTo("'+1");
        assertThat(CsvText.cell("-2")).isEqualTo("'-2");
        assertThat(CsvText.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void numbers_are_plain_and_text_with_commas_quotes_or_line_breaks_is_quoted() throws IOException {
        assertThat(CsvText.cell(new BigDecimal("-2.50"))).isEqualTo("-2.50");
        assertThat(CsvText.cell(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(CsvText.cell(null)).isEmpty();
        StringWriter out = new StringWriter();
        CsvText.line(out, new Object[] {"东城区, 市政府", "说\"明\"", "甲\n乙", 3});
        assertThat(out).hasToString("\"东城区, 市政府\",\"说\"\"明\"\"\",\"甲\n乙\",3\r\n");
    }
}
