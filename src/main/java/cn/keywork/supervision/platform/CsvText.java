package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;

/**
 * CSV as the offices' spreadsheets read it (RFC 4180, CRLF), shared by every export: a value a
 * spreadsheet would take for a formula is written as text (prefixed with ').
 */
public final class CsvText {

    private CsvText() {
    }

    /** Writes one line of cells. */
    public static void line(Writer writer, Object[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells[i]));
        }
        writer.write("\r\n");
    }

    /** One cell: empty for null, numbers in plain notation, quoted when it holds a comma, quote or line break. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
