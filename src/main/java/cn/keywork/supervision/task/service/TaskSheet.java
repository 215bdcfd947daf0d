package cn.keywork.supervision.task.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;

/**
 * The bulk declaration sheet: its columns (Chinese headers), reading CSV in UTF-8 (with or without
 * BOM) or GB18030/GBK and XLSX, and writing the template. Blocking: run it off the event loop.
 */
public final class TaskSheet {

    public static final String YEAR = "年度";
    public static final String CATEGORY = "类别";
    public static final String TITLE = "标题";
    public static final String TARGET = "目标任务";
    public static final String CONTENT = "工作内容";
    public static final String DEADLINE = "完成时限";
    public static final String LEAD = "牵头单位代码";
    public static final String COOPERATING = "配合单位（代码:配合事项;…）";
    public static final String UNIT_HEAD = "主要负责人";
    public static final String LEADER = "分管市领导（账号）";
    public static final String DIVISION = "责任处室";
    public static final String PERSON = "责任人";
    public static final String MOBILE = "责任人手机";
    public static final String DOCUMENT = "文号";

    public static final List<String> COLUMNS = List.of(YEAR, CATEGORY, TITLE, TARGET, CONTENT, DEADLINE, LEAD, COOPERATING,
            UNIT_HEAD, LEADER, DIVISION, PERSON, MOBILE, DOCUMENT);
    public static final List<String> REQUIRED = List.of(YEAR, CATEGORY, TITLE, TARGET, CONTENT, DEADLINE, LEAD);
    public static final int MAX_ROWS = 2000;

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** One data row: its number as the spreadsheet shows it (the header is row 1) and its cells by column. */
    public record SheetRow(int number, Map<String, String> cells) {

        public String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    private TaskSheet() {
    }

    /** Reads an upload: XLSX when it is a ZIP package, CSV otherwise. Refuses unknown headers and too many rows. */
    public static List<SheetRow> read(byte[] upload) {
        List<List<String>> table = isZip(upload) ? xlsx(upload) : csv(decode(upload));
        if (table.isEmpty()) {
            throw ApiProblem.invalid("row 1", FieldErrorCode.REQUIRED, "The sheet is empty; start from the template.");
        }
        List<String> headers = table.get(0).stream().map(h -> h == null ? "" : h.trim()).toList();
        for (String required : REQUIRED) {
            if (!headers.contains(required)) {
                throw ApiProblem.invalid("row 1: " + required, FieldErrorCode.REQUIRED, "Column missing; start from the template.");
            }
        }
        if (table.size() - 1 > MAX_ROWS) {
            throw ApiProblem.invalid("rows", FieldErrorCode.SIZE, "At most " + MAX_ROWS + " rows per upload.");
        }
        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            List<String> cells = table.get(r);
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                continue;
            }
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int c = 0; c < headers.size() && c < cells.size(); c++) {
                byColumn.put(headers.get(c), cells.get(c));
            }
            rows.add(new SheetRow(r + 1, byColumn));
        }
        return rows;
    }

    /** UTF-8 (a BOM is dropped) when the bytes are valid UTF-8; GB18030, the superset of GBK, otherwise. */
    static String decode(byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(buffer).toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, GB18030);
        }
    }

    private static List<List<String>> csv(String text) {
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get().parse(new StringReader(text))) {
            List<List<String>> table = new ArrayList<>();
            for (CSVRecord record : parser) {
                table.add(record.toList());
            }
            return table;
        } catch (IOException | RuntimeException e) {
            throw ApiProblem.invalid("body", FieldErrorCode.SYNTAX, "The CSV could not be read: check quotes and separators.");
        }
    }

    private static List<List<String>> xlsx(byte[] bytes) {
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes), new ReadingOptions(true, false))) {
            Sheet sheet = workbook.getFirstSheet();
            List<List<String>> table = new ArrayList<>();
            for (Row row : sheet.read()) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getCellCount(); c++) {
                    cells.add(text(row.getCell(c)));
                }
                table.add(cells);
            }
            return table;
        } catch (IOException | RuntimeException e) {
            throw ApiProblem.invalid("body", FieldErrorCode.SYNTAX, "The XLSX workbook could not be read.");
        }
    }

    /** A cell as text; numbers that are Excel dates become ISO dates, whole numbers lose their ".0". */
    private static String text(Cell cell) {
        if (cell == null) {
            return null;
        }
        if (cell.getType() == CellType.NUMBER) {
            java.math.BigDecimal number = cell.asNumber();
            String format = cell.getDataFormatString();
            if (format != null && (format.contains("yy") || format.contains("d"))) {
                // Excel counts days from 1899-12-30.
                return LocalDate.of(1899, 12, 30).plusDays(number.longValue()).toString();
            }
            return number.stripTrailingZeros().scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
        }
        return cell.getText();
    }

    private static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
    }

    /** The template: the headers and one example row. */
    public static byte[] template(int year) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "key-work-supervision", "1.0");
            Worksheet sheet = workbook.newWorksheet("重点工作申报");
            for (int c = 0; c < COLUMNS.size(); c++) {
                sheet.value(0, c, COLUMNS.get(c));
                sheet.style(0, c).bold().set();
                sheet.width(c, 18);
            }
            List<String> example = List.of(Integer.toString(year), "十项重点工程", "城区污水管网改造工程", "年底前完成污水管网改造 50 公里",
                    "新建及改造污水主干管，实施雨污分流", year + "-12-31", "ZJJ", "STHJJ:负责环评审批;FGW:负责立项", "李明", "leader",
                    "城建科", "王敏", "13800000001", "示政发〔" + year + "〕3号");
            for (int c = 0; c < example.size(); c++) {
                sheet.value(1, c, example.get(c));
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
