package cn.keywork.supervision.task.service;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.persistence.PositionalSql;
import cn.keywork.supervision.platform.CsvText;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.task.domain.TaskFilter;
import cn.keywork.supervision.task.repository.TaskExportSql;
import cn.keywork.supervision.web.ContractDocument;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the task register in the offices' working format: CSV (UTF-8 with BOM) of the tasks a
 * list shows, or XLSX with the sheet 重点任务 (the same columns) and the sheet 分解事项 (one row per
 * sub-item with its monthly plan). Rows come from database cursors batch by batch, both sheets from
 * one read-only snapshot, into a private scratch file, so the heap stays flat whatever the number
 * of rows. Blocking: call {@link #toFile} on a worker thread only.
 */
@ApplicationScoped
public class TaskExport {

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** A column: its header and its width in the workbook (characters). */
    record Column(String header, double width) {
    }

    static final List<Column> TASK_COLUMNS = List.of(new Column("编号", 14), new Column("年度", 7), new Column("类别", 14),
            new Column("任务名称", 36), new Column("牵头单位", 18), new Column("配合单位", 28), new Column("责任领导", 10),
            new Column("状态", 8), new Column("当月亮灯", 9), new Column("完成时限", 12), new Column("目标任务", 40),
            new Column("工作内容", 50), new Column("配合事项", 40), new Column("主要负责人", 10), new Column("责任处室", 14),
            new Column("责任人", 10), new Column("责任人手机", 14), new Column("文号", 22), new Column("分解事项数", 10));

    static final List<Column> SUB_ITEM_COLUMNS;

    static {
        List<Column> columns = new ArrayList<>(List.of(new Column("任务编号", 14), new Column("任务名称", 30),
                new Column("子项序号", 8), new Column("子项内容", 40), new Column("责任单位", 18), new Column("责任人", 10),
                new Column("完成时限", 12), new Column("权重", 7)));
        for (int month = 1; month <= 12; month++) {
            columns.add(new Column(month + "月", 18));
        }
        columns.add(new Column("其他月份", 30));
        SUB_ITEM_COLUMNS = List.copyOf(columns);
    }

    /** The first month column of {@link #SUB_ITEM_COLUMNS}. */
    static final int FIRST_MONTH = 8;

    static final String TASK_SHEET = "重点任务";
    static final String SUB_ITEM_SHEET = "分解事项";

    /** What to read, how to name the file and how the audit trail names the request; made before any work. */
    public record Plan(PositionalSql tasks, PositionalSql subItems, Format format, String fileName, String filters) {

        /** RFC 6266/5987: an ASCII fallback and the UTF-8 name. */
        public String contentDisposition() {
            String ascii = fileName.replace("重点任务", "key-tasks");
            return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** The scratch file written and how many rows each sheet holds. */
    public record Written(Path file, int tasks, int subItems) {
    }

    private static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String AUDIT_ACTION = "TASKS_EXPORTED";

    private final Pool pool;
    private final Clock clock;
    private final AuditTrail audit;
    private final Path scratch;
    private final Map<String, String> categories;
    private final Map<String, String> statuses;
    private final Map<String, String> lights;

    TaskExport(Pool pool, Clock clock, AuditTrail audit,
            @ConfigProperty(name = "quarkus.http.body.uploads-directory") String scratch) {
        this.pool = pool;
        this.clock = clock;
        this.audit = audit;
        this.scratch = Path.of(scratch);
        this.categories = labels("TaskCategory");
        this.statuses = labels("TaskStatus");
        this.lights = labels("Light");
    }

    /** The contract's Chinese labels of an enum schema. */
    private static Map<String, String> labels(String schema) {
        Map<String, String> labels = new HashMap<>();
        JsonNode declared = ContractDocument.get().path("components").path("schemas").path(schema).path("x-enum-labels");
        declared.fieldNames().forEachRemaining(name -> labels.put(name, declared.path(name).path("zh-CN").asText(name)));
        return labels;
    }

    /**
     * The statements for the list {@code filter} and {@code order} give, scoped to {@code actor} as
     * the list is; the responsible person's mobile as a task's page shows it to them.
     */
    public Plan plan(TaskFilter filter, PageRequest order, String sort, Format format, Actor actor) {
        Optional<UUID> scope = actor.unitScope();
        TaskExportSql.Mobiles mobiles = new TaskExportSql.Mobiles(actor.isSystem() || actor.has(Role.ADMIN)
                || actor.has(Role.OFFICE), actor.unitId());
        String lightPeriod = YearMonth.now(clock).toString();
        String name = "重点任务-" + (filter.year() != null ? filter.year().toString() : LocalDate.now(clock).toString());
        return new Plan(TaskExportSql.tasks(filter, scope, order, mobiles, lightPeriod),
                TaskExportSql.subItems(filter, scope, order), format, name + "." + format.extension, describe(filter, sort));
    }

    private static String describe(TaskFilter filter, String sort) {
        StringJoiner filters = new StringJoiner(", ");
        add(filters, "year", filter.year());
        add(filters, "category", filter.category());
        add(filters, "status", filter.status());
        add(filters, "unitId", filter.unitId());
        add(filters, "unitRole", filter.unitRole());
        add(filters, "leaderId", filter.leaderId());
        add(filters, "deadlineFrom", filter.deadlineFrom());
        add(filters, "deadlineTo", filter.deadlineTo());
        add(filters, "q", filter.text());
        add(filters, "sort", sort);
        return filters.length() == 0 ? "none" : filters.toString();
    }

    private static void add(StringJoiner filters, String name, Object value) {
        if (value != null) {
            filters.add(name + "=" + value);
        }
    }

    /** Writes the file into a new private scratch file; blocking. */
    public Written toFile(Plan plan) {
        requireWorkerThread();
        Path file = null;
        try {
            Files.createDirectories(scratch);
            file = Files.createTempFile(scratch, "tasks-", "." + plan.format().extension);
            int[] counts;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                counts = write(plan, out);
            }
            return new Written(file, counts[0], counts[1]);
        } catch (IOException | RuntimeException e) {
            remove(file);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Keeps the export in the audit trail: who (the current actor), the format, the filters and the rows. */
    @WithTransaction
    public Uni<Void> recorded(Plan plan, Written written) {
        String detail = "format=" + plan.format().extension + ", tasks=" + written.tasks()
                + (plan.format() == Format.XLSX ? ", subItems=" + written.subItems() : "") + "; filters: " + plan.filters();
        return audit.record(new AuditEntry(AUDIT_ACTION, TaskService.OBJECT_TYPE, null, AuditEntry.Outcome.SUCCESS, Map.of(),
                detail));
    }

    /** Removes a scratch file, if there is one. */
    public static void remove(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** Streams the rows into {@code out}, both statements in one read-only snapshot; the rows of each. */
    private int[] write(Plan plan, OutputStream out) throws IOException {
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction transaction = connection.begin().await().atMost(WAIT);
            connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute().await().atMost(WAIT);
            int[] counts = new int[2];
            if (plan.format() == Format.CSV) {
                out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
                CsvText.line(writer, TASK_COLUMNS.stream().map(Column::header).toArray());
                counts[0] = read(connection, plan.tasks(), row -> CsvText.line(writer, taskCells(row)), writer::flush);
                writer.flush();
            } else {
                Workbook workbook = new Workbook(out, "key-work-supervision", "1.0");
                Worksheet tasks = sheet(workbook, TASK_SHEET, TASK_COLUMNS);
                int[] line = { 1 };
                counts[0] = read(connection, plan.tasks(), row -> put(tasks, line[0]++, taskCells(row)), tasks::flush);
                tasks.finish();
                Worksheet subItems = sheet(workbook, SUB_ITEM_SHEET, SUB_ITEM_COLUMNS);
                line[0] = 1;
                counts[1] = read(connection, plan.subItems(), row -> put(subItems, line[0]++, subItemCells(row)), subItems::flush);
                subItems.finish();
                workbook.finish();
            }
            transaction.commit().await().atMost(WAIT);
            return counts;
        } finally {
            connection.close().await().atMost(WAIT);
        }
    }

    private interface RowSink {
        void accept(Row row) throws IOException;
    }

    private interface Flush {
        void run() throws IOException;
    }

    /** Reads a statement through a cursor, batch by batch, flushing the output after each batch; the rows read. */
    private static int read(SqlConnection connection, PositionalSql sql, RowSink sink, Flush flush) throws IOException {
        Cursor cursor = connection.prepare(sql.sql()).await().atMost(WAIT).cursor(Tuple.from(sql.values()));
        int count = 0;
        do {
            RowSet<Row> rows = cursor.read(BATCH).await().atMost(WAIT);
            for (Row row : rows) {
                sink.accept(row);
                count++;
            }
            flush.run();
        } while (cursor.hasMore());
        cursor.close().await().atMost(WAIT);
        return count;
    }

    /** The cells of a task, in {@link #TASK_COLUMNS} order, from {@link TaskExportSql#tasks}'s columns. */
    Object[] taskCells(Row row) {
        String category = row.getString(2);
        String status = row.getString(7);
        String light = row.getString(8);
        return new Object[] { text(row.getString(0)), row.getInteger(1), categories.getOrDefault(category, category),
                row.getString(3), row.getString(4), text(row.getString(5)), text(row.getString(6)),
                statuses.getOrDefault(status, status), light == null ? "" : lights.getOrDefault(light, light),
                row.getLocalDate(9), row.getString(10), row.getString(11), text(row.getString(12)), text(row.getString(13)),
                text(row.getString(14)), text(row.getString(15)), text(row.getString(16)), text(row.getString(17)),
                row.getInteger(18) };
    }

    /** The cells of a sub-item, in {@link #SUB_ITEM_COLUMNS} order, from {@link TaskExportSql#subItems}'s columns. */
    static Object[] subItemCells(Row row) {
        Object[] cells = new Object[SUB_ITEM_COLUMNS.size()];
        cells[0] = text(row.getString(0));
        cells[1] = row.getString(1);
        cells[2] = row.getInteger(2);
        cells[3] = row.getString(3);
        cells[4] = row.getString(4);
        cells[5] = text(row.getString(5));
        cells[6] = row.getLocalDate(6);
        cells[7] = row.getBigDecimal(7);
        String[] months = row.getArrayOfStrings(9);
        String[] planned = row.getArrayOfStrings(10);
        String[] milestones = row.getArrayOfStrings(11);
        placeMonths(cells, row.getInteger(8), months, planned, milestones);
        return cells;
    }

    /**
     * Puts each month of the plan into its column 1月…12月 when it is of the task's year, and the
     * others, in order, into 其他月份 with their month.
     */
    static void placeMonths(Object[] cells, int year, String[] months, String[] planned, String[] milestones) {
        StringJoiner others = new StringJoiner("；");
        String prefix = year + "-";
        for (int i = 0; i < months.length; i++) {
            String plan = planned[i] + "%" + (milestones[i] == null ? "" : "：" + milestones[i]);
            if (months[i].startsWith(prefix)) {
                cells[FIRST_MONTH + Integer.parseInt(months[i].substring(5)) - 1] = plan;
            } else {
                others.add(months[i] + " " + plan);
            }
        }
        for (int c = FIRST_MONTH; c < FIRST_MONTH + 12; c++) {
            cells[c] = text((String) cells[c]);
        }
        cells[FIRST_MONTH + 12] = others.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** A sheet with its column widths, its bold header row, frozen so it stays in view. */
    private static Worksheet sheet(Workbook workbook, String name, List<Column> columns) {
        Worksheet sheet = workbook.newWorksheet(name);
        for (int c = 0; c < columns.size(); c++) {
            sheet.width(c, columns.get(c).width());
            sheet.value(0, c, columns.get(c).header());
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
        return sheet;
    }

    private static void put(Worksheet sheet, int line, Object[] cells) {
        for (int c = 0; c < cells.length; c++) {
            Object value = cells[c];
            if (value instanceof Number number) {
                sheet.value(line, c, number);
            } else if (value instanceof LocalDate date) {
                sheet.value(line, c, date);
                sheet.style(line, c).format("yyyy-mm-dd").set();
            } else if (value != null && !value.toString().isEmpty()) {
                // inline, not in the shared-string table, which would grow with every row
                sheet.inlineString(line, c, value.toString());
            }
        }
    }

    /** The export waits on the database: on an event-loop thread it fails at once instead of blocking. */
    private static void requireWorkerThread() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("A task export blocks: run it on a worker thread (Offload.work)");
        }
    }
}
