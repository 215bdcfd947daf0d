package cn.keywork.supervision.task.service;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.ProblemType;

/**
 * Reads the first worksheet of an XLSX package into {@link SheetCells}, streaming, with every cost
 * bounded: the XML unpacked from the package (all parts together) is counted as it is read and
 * refused past a limit (a small, highly compressed upload cannot make the service inflate a
 * gigabyte); no DTD is read, so no entity expands; a cell's position is parsed from its reference
 * without allocating anything up to it; texts are kept to one character more than a cell may hold;
 * a number is converted only when it has a form Excel writes (digits and an exponent of few
 * characters), never from a million-digit or a {@code 1E999999999} value; and of the shared strings
 * only those the kept cells use are kept.
 */
final class XlsxCells {

    private static final XMLInputFactory XML = xmlFactory();
    /** Excel writes at most 17 significant digits and exponents of three; this leaves room for other writers. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,30}(\\.\\d{0,30})?|\\.\\d{1,30})([eE][+-]?\\d{1,3})?");
    private static final int MAX_NUMBER_CHARS = 70;
    /** 9999-12-31 in Excel's day count: larger date serials are no date. */
    private static final int LAST_DATE_SERIAL = 2_958_465;
    private static final int MAX_STYLES = 65_536;
    private static final int XLSX_LAST_ROW = 1_048_576;

    private final ZipFile zip;
    private final Budget budget;
    private final SheetCells sheet;

    private XlsxCells(ZipFile zip, long maxUnpackedBytes, SheetCells sheet) {
        this.zip = zip;
        this.budget = new Budget(maxUnpackedBytes);
        this.sheet = sheet;
    }

    static void read(byte[] bytes, long maxUnpackedBytes, SheetCells sheet) throws IOException, XMLStreamException {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            new XlsxCells(zip, maxUnpackedBytes, sheet).read();
        }
    }

    private void read() throws IOException, XMLStreamException {
        String workbookPath = relationships("", "_rels/.rels").byType("/officeDocument", "xl/workbook.xml");
        Relationships workbookParts = relationships(directoryOf(workbookPath), relationshipsOf(workbookPath));
        Workbook workbook = workbook(workbookPath);
        String sheetPath = workbook.firstSheetId() == null ? null : workbookParts.byId(workbook.firstSheetId());
        if (sheetPath == null) {
            sheetPath = workbookParts.byType("/worksheet", null);
        }
        if (sheetPath == null || zip.getEntry(sheetPath) == null) {
            throw new IOException("No worksheet");
        }
        Styles styles = styles(workbookParts.byType("/styles", null));
        Map<Integer, List<SheetCells.Slot>> sharedCells = sheetData(sheetPath, styles, workbook.date1904());
        if (!sharedCells.isEmpty()) {
            sharedStrings(workbookParts.byType("/sharedStrings", null), sharedCells);
        }
    }

    // --- Worksheet -------------------------------------------------------------------------------

    /** Streams the rows into {@link #sheet}; answers the cells that hold a shared string, by its index. */
    private Map<Integer, List<SheetCells.Slot>> sheetData(String path, Styles styles, boolean date1904)
            throws IOException, XMLStreamException {
        Map<Integer, List<SheetCells.Slot>> shared = new HashMap<>();
        XMLStreamReader r = open(path);
        try {
            int rowNumber = 0;
            int nextColumn = 0;
            boolean inRow = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == START_ELEMENT && "row".equals(r.getLocalName())) {
                    rowNumber = rowNumber(r.getAttributeValue(null, "r"), rowNumber);
                    nextColumn = 0;
                    inRow = true;
                    sheet.startRow(rowNumber);
                } else if (event == END_ELEMENT && "row".equals(r.getLocalName())) {
                    inRow = false;
                    sheet.endRow();
                } else if (event == START_ELEMENT && "c".equals(r.getLocalName()) && inRow) {
                    String ref = r.getAttributeValue(null, "r");
                    int column = ref == null ? nextColumn : column(ref);
                    nextColumn = column == Integer.MAX_VALUE ? column : column + 1;
                    cell(r, column, styles, date1904, shared);
                } else if (event == END_ELEMENT && "sheetData".equals(r.getLocalName())) {
                    break;
                }
            }
        } finally {
            r.close();
        }
        return shared;
    }

    /** One {@code <c>} element, the reader on its start; leaves the reader on its end. */
    private void cell(XMLStreamReader r, int column, Styles styles, boolean date1904,
            Map<Integer, List<SheetCells.Slot>> shared) throws XMLStreamException {
        String type = r.getAttributeValue(null, "t");
        String style = r.getAttributeValue(null, "s");
        String value = null;
        while (true) {
            int event = r.next();
            if (event == END_ELEMENT) {
                break;
            }
            if (event == START_ELEMENT) {
                String name = r.getLocalName();
                if ("v".equals(name)) {
                    value = text(r, TaskSheet.MAX_CELL_CHARS);
                } else if ("is".equals(name)) {
                    value = richText(r);
                } else {
                    skip(r); // a formula, or an extension: its cached value is in <v>
                }
            }
        }
        if (value == null || value.isBlank()) {
            return;
        }
        if (column >= TaskSheet.MAX_COLUMNS) {
            sheet.cell(column, value); // refused: content right of the template's columns
            return;
        }
        switch (type == null ? "n" : type) {
            case "s" -> {
                Integer index = smallInt(value.trim());
                if (index == null) {
                    sheet.problem(column, FieldErrorCode.SYNTAX, ImportMessage.NOT_A_SHARED_STRING);
                } else {
                    shared.computeIfAbsent(index, i -> new ArrayList<>()).add(sheet.deferred(column));
                }
            }
            case "b" -> sheet.cell(column, "1".equals(value.trim()) ? "TRUE" : "FALSE");
            case "n" -> number(column, value.trim(), styles.isDate(style), date1904);
            default -> sheet.cell(column, value); // inlineStr, str (a formula's text), e (an error), d (ISO date)
        }
    }

    private void number(int column, String raw, boolean date, boolean date1904) {
        if (raw.length() > MAX_NUMBER_CHARS || !NUMBER.matcher(raw).matches()) {
            sheet.problem(column, FieldErrorCode.FORMAT, ImportMessage.NOT_A_STORED_NUMBER);
            return;
        }
        BigDecimal number = new BigDecimal(raw);
        if (date && number.signum() >= 0 && number.compareTo(BigDecimal.valueOf(LAST_DATE_SERIAL)) <= 0) {
            // Excel counts days from 1899-12-30, or from 1904-01-01 in the 1904 date system.
            LocalDate base = date1904 ? LocalDate.of(1904, 1, 1) : LocalDate.of(1899, 12, 30);
            sheet.cell(column, base.plusDays(number.longValue()).toString());
            return;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        sheet.cell(column, stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString());
    }

    private static int rowNumber(String ref, int previous) {
        if (ref == null) {
            return previous + 1;
        }
        Integer number = smallInt(ref.trim());
        if (number == null || number < 1 || number > XLSX_LAST_ROW) {
            throw new IllegalArgumentException("Row reference out of range");
        }
        return number;
    }

    /**
     * The column of a cell reference such as {@code B7} or {@code $XFD$1048576}, counted from 0; past
     * Excel's last column (or unreadable) {@link Integer#MAX_VALUE}, so that it is never allocated for.
     */
    static int column(String ref) {
        int column = 0;
        int letters = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == '$' && letters == 0) {
                continue;
            }
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
                if (++letters > 3) {
                    return Integer.MAX_VALUE;
                }
                column = column * 26 + (Character.toUpperCase(c) - 'A' + 1);
            } else {
                break;
            }
        }
        return letters == 0 || column - 1 > SheetCells.XLSX_LAST_COLUMN ? Integer.MAX_VALUE : column - 1;
    }

    // --- Shared strings ------------------------------------------------------------------------

    private void sharedStrings(String path, Map<Integer, List<SheetCells.Slot>> wanted) throws IOException, XMLStreamException {
        if (path == null || zip.getEntry(path) == null) {
            throw new IOException("Shared strings missing");
        }
        XMLStreamReader r = open(path);
        try {
            int index = 0;
            int found = 0;
            while (r.hasNext() && found < wanted.size()) {
                if (r.next() == START_ELEMENT && "si".equals(r.getLocalName())) {
                    List<SheetCells.Slot> slots = wanted.get(index++);
                    if (slots == null) {
                        skip(r);
                        continue;
                    }
                    String text = richText(r);
                    for (SheetCells.Slot slot : slots) {
                        sheet.fill(slot, text);
                    }
                    found++;
                }
            }
        } finally {
            r.close();
        }
    }

    // --- Workbook, relationships, styles ---------------------------------------------------------

    private record Workbook(String firstSheetId, boolean date1904) {
    }

    private Workbook workbook(String path) throws IOException, XMLStreamException {
        XMLStreamReader r = open(path);
        try {
            boolean date1904 = false;
            while (r.hasNext()) {
                if (r.next() != START_ELEMENT) {
                    continue;
                }
                if ("workbookPr".equals(r.getLocalName())) {
                    String value = r.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(value) || "true".equals(value);
                } else if ("sheet".equals(r.getLocalName())) {
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        if ("id".equals(r.getAttributeLocalName(i))) {
                            return new Workbook(r.getAttributeValue(i), date1904);
                        }
                    }
                }
            }
            return new Workbook(null, date1904);
        } finally {
            r.close();
        }
    }

    private record Relationships(Map<String, String> targetById, Map<String, String> targetByType) {

        String byId(String id) {
            return targetById.get(id);
        }

        /** The first target whose type ends with {@code suffix} (the types differ between transitional and strict OOXML). */
        String byType(String suffix, String otherwise) {
            return targetByType.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).map(Map.Entry::getValue)
                    .findFirst().orElse(otherwise);
        }
    }

    private Relationships relationships(String directory, String path) throws IOException, XMLStreamException {
        Map<String, String> byId = new HashMap<>();
        Map<String, String> byType = new java.util.LinkedHashMap<>();
        if (zip.getEntry(path) == null) {
            return new Relationships(byId, byType);
        }
        XMLStreamReader r = open(path);
        try {
            while (r.hasNext()) {
                if (r.next() == START_ELEMENT && "Relationship".equals(r.getLocalName())
                        && !"External".equals(r.getAttributeValue(null, "TargetMode"))) {
                    String target = r.getAttributeValue(null, "Target");
                    if (target == null) {
                        continue;
                    }
                    String resolved = resolve(directory, target);
                    byId.put(r.getAttributeValue(null, "Id"), resolved);
                    byType.putIfAbsent(String.valueOf(r.getAttributeValue(null, "Type")), resolved);
                }
            }
        } finally {
            r.close();
        }
        return new Relationships(byId, byType);
    }

    /** Which styles show numbers as dates: by their number format, built in or the workbook's own. */
    private record Styles(boolean[] dateByStyle) {

        boolean isDate(String style) {
            Integer index = style == null ? null : smallInt(style.trim());
            return index != null && index < dateByStyle.length && dateByStyle[index];
        }
    }

    private Styles styles(String path) throws IOException, XMLStreamException {
        if (path == null || zip.getEntry(path) == null) {
            return new Styles(new boolean[0]);
        }
        Map<Integer, String> formats = new HashMap<>();
        List<Integer> formatByStyle = new ArrayList<>();
        XMLStreamReader r = open(path);
        try {
            boolean inCellXfs = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == START_ELEMENT) {
                    String name = r.getLocalName();
                    if ("numFmt".equals(name) && formats.size() < MAX_STYLES) {
                        Integer id = smallInt(String.valueOf(r.getAttributeValue(null, "numFmtId")));
                        String code = r.getAttributeValue(null, "formatCode");
                        if (id != null && code != null && code.length() <= 255) {
                            formats.put(id, code);
                        }
                    } else if ("cellXfs".equals(name)) {
                        inCellXfs = true;
                    } else if ("xf".equals(name) && inCellXfs && formatByStyle.size() < MAX_STYLES) {
                        Integer id = smallInt(String.valueOf(r.getAttributeValue(null, "numFmtId")));
                        formatByStyle.add(id == null ? 0 : id);
                    }
                } else if (event == END_ELEMENT && "cellXfs".equals(r.getLocalName())) {
                    inCellXfs = false;
                }
            }
        } finally {
            r.close();
        }
        boolean[] dates = new boolean[formatByStyle.size()];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = isDateFormat(formatByStyle.get(i), formats.get(formatByStyle.get(i)));
        }
        return new Styles(dates);
    }

    /** Excel's built-in date formats (with the Chinese ones, 27 to 36 and 50 to 58), or a code with days or years. */
    static boolean isDateFormat(int id, String code) {
        if (id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58) {
            return true;
        }
        if (code == null) {
            return false;
        }
        String plain = code.replaceAll("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.", "").toLowerCase(java.util.Locale.ROOT);
        return plain.contains("y") || plain.contains("d");
    }

    // --- XML and the package -------------------------------------------------------------------

    private XMLStreamReader open(String path) throws IOException, XMLStreamException {
        ZipArchiveEntry entry = zip.getEntry(path);
        if (entry == null) {
            throw new IOException("Missing part " + path);
        }
        InputStream in = new Counted(zip.getInputStream(entry), budget);
        return XML.createXMLStreamReader(in);
    }

    /** The text of the current element (its end included), cut to {@code limit} + 1 characters. */
    private static String text(XMLStreamReader r, int limit) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = r.next();
            if (event == START_ELEMENT) {
                depth++;
            } else if (event == END_ELEMENT) {
                depth--;
            } else if (event == CHARACTERS || event == CDATA || event == SPACE) {
                append(text, r, limit);
            } else if (event == END_DOCUMENT) {
                throw new XMLStreamException("Unexpected end");
            }
        }
        return text.toString();
    }

    /** The text of an {@code <si>} or {@code <is>}: its {@code <t>} runs, without phonetic guides ({@code <rPh>}). */
    private static String richText(XMLStreamReader r) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int phonetic = 0;
        while (true) {
            int event = r.next();
            if (event == START_ELEMENT) {
                open.push(r.getLocalName());
                if ("rPh".equals(r.getLocalName())) {
                    phonetic++;
                }
            } else if (event == END_ELEMENT) {
                if (open.isEmpty()) {
                    return text.toString();
                }
                if ("rPh".equals(open.pop())) {
                    phonetic--;
                }
            } else if ((event == CHARACTERS || event == CDATA || event == SPACE) && phonetic == 0 && "t".equals(open.peek())) {
                append(text, r, TaskSheet.MAX_CELL_CHARS);
            } else if (event == END_DOCUMENT) {
                throw new XMLStreamException("Unexpected end");
            }
        }
    }

    private static void append(StringBuilder text, XMLStreamReader r, int limit) {
        int room = limit + 1 - text.length();
        if (room > 0) {
            text.append(r.getTextCharacters(), r.getTextStart(), Math.min(room, r.getTextLength()));
        }
    }

    /** Skips the current element and everything in it (its text, kept to nothing, is dropped). */
    private static void skip(XMLStreamReader r) throws XMLStreamException {
        text(r, -1);
    }

    /** A non-negative number of at most 9 digits, or null. */
    private static Integer smallInt(String digits) {
        if (digits.isEmpty() || digits.length() > 9) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return null;
            }
        }
        return Integer.parseInt(digits);
    }

    private static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }

    private static String relationshipsOf(String path) {
        int slash = path.lastIndexOf('/');
        return path.substring(0, slash + 1) + "_rels/" + path.substring(slash + 1) + ".rels";
    }

    /** A part name from a relationship's target, relative to the source's directory or absolute. */
    private static String resolve(String directory, String target) {
        String joined = target.startsWith("/") ? target.substring(1) : directory + target;
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : joined.split("/")) {
            if ("..".equals(segment)) {
                segments.pollLast();
            } else if (!segment.isEmpty() && !".".equals(segment)) {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    private static XMLInputFactory xmlFactory() {
        // The JDK's own parser, configured here: no DTD (so no entity expansion, no external files).
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /** The XML this upload may unpack to, all parts together. */
    private static final class Budget {
        private final long limit;
        private long spent;

        Budget(long limit) {
            this.limit = limit;
        }

        void spend(long bytes) {
            spent += bytes;
            if (spent > limit) {
                throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, ImportMessage.UNPACKS_TOO_LARGE, limit >> 20);
            }
        }
    }

    private static final class Counted extends FilterInputStream {
        private final Budget budget;

        Counted(InputStream in, Budget budget) {
            super(in);
            this.budget = budget;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                budget.spend(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                budget.spend(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            budget.spend(skipped);
            return skipped;
        }
    }
}
