package cn.keywork.supervision.task.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamException;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

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
    /** The template's columns: cells further right are refused when they hold something. */
    public static final int MAX_COLUMNS = COLUMNS.size();
    /** The longest text a field takes (工作内容, 4000 characters): no cell may hold more. */
    public static final int MAX_CELL_CHARS = 4000;

    private static final Charset GB18030 = Charset.forName("GB18030");

    /** One data row: its number as the spreadsheet shows it (the header is row 1) and its cells by column. */
    public record SheetRow(int number, Map<String, String> cells) {

        public String get(String column) {
            String value = cells.get(column);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }

    /**
     * The work one upload may cause: rows of data, and the XML an XLSX package may unpack to (its
     * bytes are bounded by the HTTP layer's body limit already).
     */
    public record Limits(int maxRows, long maxUnpackedBytes) {
        public static final Limits DEFAULT = new Limits(2000, 64L << 20);
    }

    private TaskSheet() {
    }

    /**
     * Reads an upload: XLSX when it is a ZIP package, CSV otherwise, within {@code limits}. Refuses a
     * sheet without the required headers, content right of the template's columns, too long cells
     * (400), and too many rows or a package that unpacks to too much (413).
     */
    public static List<SheetRow> read(byte[] upload, Limits limits) {
        SheetCells sheet = new SheetCells(limits.maxRows());
        if (isZip(upload)) {
            xlsx(upload, limits, sheet);
        } else {
            CsvCells.read(decode(upload), sheet);
        }
        return rows(sheet);
    }

    /** Reads an upload within the default limits. */
    public static List<SheetRow> read(byte[] upload) {
        return read(upload, Limits.DEFAULT);
    }

    private static List<SheetRow> rows(SheetCells sheet) {
        List<String[]> table = sheet.rows();
        if (table.isEmpty()) {
            throw ApiProblem.invalid("row 1", FieldErrorCode.REQUIRED, ImportMessage.SHEET_EMPTY);
        }
        String[] headers = new String[MAX_COLUMNS];
        for (int c = 0; c < MAX_COLUMNS; c++) {
            String header = table.get(0)[c];
            headers[c] = header == null || header.length() > MAX_CELL_CHARS ? "" : header.trim();
        }
        List<String> headerList = List.of(headers);
        for (String required : REQUIRED) {
            if (!headerList.contains(required)) {
                throw ApiProblem.invalid("row " + sheet.number(0) + ": " + required, FieldErrorCode.REQUIRED,
                        ImportMessage.COLUMN_MISSING);
            }
        }
        ApiProblem.Errors errors = new ApiProblem.Errors();
        for (SheetCells.Problem problem : sheet.problems()) {
            errors.add(field(problem.row(), headers, problem.column()), problem.code(), problem.message());
        }
        List<SheetRow> rows = new ArrayList<>();
        for (int r = 1; r < table.size(); r++) {
            String[] cells = table.get(r);
            Map<String, String> byColumn = new LinkedHashMap<>();
            for (int c = 0; c < MAX_COLUMNS; c++) {
                if (cells[c] != null && cells[c].length() > MAX_CELL_CHARS) {
                    errors.add(field(sheet.number(r), headers, c), FieldErrorCode.SIZE, ImportMessage.CELL_TOO_LONG,
                            MAX_CELL_CHARS);
                } else if (!headers[c].isEmpty()) {
                    byColumn.put(headers[c], cells[c]);
                }
            }
            rows.add(new SheetRow(sheet.number(r), byColumn));
        }
        errors.throwIfAny();
        return rows;
    }

    private static String field(int row, String[] headers, int column) {
        return "row " + row + ": " + (headers[column].isEmpty() ? "column " + SheetCells.letters(column) : headers[column]);
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

    private static void xlsx(byte[] bytes, Limits limits, SheetCells sheet) {
        try {
            XlsxCells.read(bytes, limits.maxUnpackedBytes(), sheet);
        } catch (ApiProblem problem) {
            throw problem;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            throw ApiProblem.invalid("body", FieldErrorCode.SYNTAX, ImportMessage.XLSX_UNREADABLE);
        }
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
