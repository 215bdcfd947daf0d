package cn.keywork.supervision.progress.lights.service;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.persistence.PositionalSql;
import cn.keywork.supervision.platform.CsvText;
import cn.keywork.supervision.progress.lights.repository.LedgerSql;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes a ledger as CSV (UTF-8 with BOM) or XLSX, row by row as a database cursor gives them, so
 * the heap stays flat whatever the number of rows. Blocking: call it on a worker thread only.
 */
@ApplicationScoped
public class LedgerExport {

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    /** What to read and how to name the file; made before the first byte is sent, so refusals are still problems. */
    public record Plan(PositionalSql query, Format format, String fileName) {

        /** RFC 6266/5987: an ASCII fallback and the UTF-8 name. */
        public String contentDisposition() {
            String ascii = fileName.replace("台账", "ledger");
            return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                    + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    static final List<String> HEADERS = List.of("序号", "任务编号", "任务名称", "类别", "牵头单位", "配合单位", "分管市领导", "完成时限",
            "序时进度(%)", "实际进度(%)", "滞后(百分点)", "亮灯", "月度报告状态", "工作进展", "存在问题", "影像资料(张)", "进度链接");

    static final Map<String, String> CATEGORIES = Map.of("KEY_PROJECT", "十项重点工程", "LIVELIHOOD", "十件民生实事", "COUNTY_TOPIC",
            "一县一题", "MEETING_DECISION", "会议议定事项", "LEADER_INSTRUCTION", "领导批示事项", "OTHER", "其他");

    static final Map<String, String> LIGHTS = Map.of("GREEN", "绿灯", "YELLOW", "黄灯", "RED", "红灯", "COMPLETED", "已完成",
            "NOT_REPORTED", "未报送");

    private static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Pool pool;
    private final ProgressFigures figures;

    private final java.nio.file.Path scratch;

    LedgerExport(Pool pool, ProgressFigures figures,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.http.body.uploads-directory") String scratch) {
        this.scratch = java.nio.file.Path.of(scratch);
        this.pool = pool;
        this.figures = figures;
    }

    /** Decides the rows to export (blocking: a worker thread); 404 for a version that does not exist. */
    public Plan plan(String period, Integer version, Format format, Optional<UUID> scope) {
        requireWorkerThread();
        RowSet<Row> found = pool.preparedQuery("SELECT latest_version FROM ledger WHERE period = $1").execute(Tuple.of(period))
                .await().atMost(WAIT);
        Integer latest = found.size() == 0 ? null : found.iterator().next().getInteger(0);
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("period", period);
        scope.ifPresent(unit -> parameters.put("scope", unit));
        String sql;
        String name = "台账-" + period;
        if (latest == null) {
            if (version != null) {
                throw new NotFound(DomainMessage.LEDGER_NOT_CLOSED, period);
            }
            parameters.put("today", LocalDate.from(figures.today()));
            parameters.put("forceClosed", false);
            sql = LedgerSql.all(LedgerSql.live(figures.rules(), scope.isPresent()));
        } else {
            if (version != null && version > latest) {
                throw new NotFound(DomainMessage.LEDGER_VERSION_NOT_FOUND, version);
            }
            int shown = version == null ? latest : version;
            parameters.put("version", shown);
            sql = LedgerSql.all(LedgerSql.frozen(scope.isPresent()));
            name += "-v" + shown;
        }
        return new Plan(PositionalSql.of(sql, parameters), format, name + "." + format.extension);
    }

    /** Writes the rows into a new private scratch file; blocking. */
    public java.nio.file.Path toFile(Plan plan) {
        java.nio.file.Path file = null;
        try {
            java.nio.file.Files.createDirectories(scratch);
            file = java.nio.file.Files.createTempFile(scratch, "ledger-", "." + plan.format().extension);
            try (OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 64 * 1024)) {
                write(plan, out);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            remove(file);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** Removes a scratch file, if there is one. */
    public static void remove(java.nio.file.Path file) {
        if (file != null) {
            try {
                java.nio.file.Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** Streams the rows into {@code out}; blocking. */
    public void write(Plan plan, OutputStream out) {
        requireWorkerThread();
        try {
            Sink sink = plan.format() == Format.CSV ? new Csv(out) : new Xlsx(out);
            sink.header(HEADERS);
            SqlConnection connection = pool.getConnection().await().atMost(WAIT);
            try {
                Transaction transaction = connection.begin().await().atMost(WAIT);
                PreparedStatement statement = connection.prepare(plan.query().sql()).await().atMost(WAIT);
                Cursor cursor = statement.cursor(Tuple.from(plan.query().values()));
                int number = 0;
                do {
                    RowSet<Row> rows = cursor.read(BATCH).await().atMost(WAIT);
                    for (Row row : rows) {
                        sink.row(cells(++number, row));
                    }
                    sink.flush();
                } while (cursor.hasMore());
                cursor.close().await().atMost(WAIT);
                transaction.commit().await().atMost(WAIT);
            } finally {
                connection.close().await().atMost(WAIT);
            }
            sink.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cells of one row, in {@link #HEADERS} order, from {@link LedgerSql#all}'s columns. */
    static Object[] cells(int number, Row row) {
        String coop = row.getString(8);
        String reportStatus = row.getString(16);
        return new Object[] { number, row.getString(3), row.getString(4), CATEGORIES.getOrDefault(row.getString(5), row.getString(5)),
                row.getString(7), coop == null ? "" : coop.replace('\u001f', '、'), row.getString(9), row.getLocalDate(10),
                row.getBigDecimal(11), row.getBigDecimal(12), row.getBigDecimal(13),
                LIGHTS.getOrDefault(row.getString(14), row.getString(14)), reportStatus, row.getString(17), row.getString(18),
                row.getInteger(19), "/api/v1/tasks/" + row.getUUID(2) + "/progress-history" };
    }

    private interface Sink {
        void header(List<String> headers) throws IOException;

        void row(Object[] cells) throws IOException;

        void flush() throws IOException;

        void finish() throws IOException;
    }

    /** RFC 4180 with a byte-order mark; text that a spreadsheet would take for a formula is quoted with '. */
    static final class Csv implements Sink {

        private final Writer writer;

        Csv(OutputStream out) throws IOException {
            out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16 * 1024);
        }

        @Override
        public void header(List<String> headers) throws IOException {
            row(headers.toArray());
        }

        @Override
        public void row(Object[] cells) throws IOException {
            CsvText.line(writer, cells);
        }

        @Override
        public void flush() throws IOException {
            writer.flush();
        }

        @Override
        public void finish() throws IOException {
            writer.flush();
        }
    }

    /** One worksheet whose rows are flushed to the stream batch by batch. */
    static final class Xlsx implements Sink {

        private final Workbook workbook;
        private final Worksheet sheet;
        private int next;

        Xlsx(OutputStream out) {
            this.workbook = new Workbook(out, "key-work-supervision", "1.0");
            this.sheet = workbook.newWorksheet("台账");
        }

        @Override
        public void header(List<String> headers) {
            for (int c = 0; c < headers.size(); c++) {
                sheet.value(0, c, headers.get(c));
                sheet.style(0, c).bold().set();
            }
            next = 1;
        }

        @Override
        public void row(Object[] cells) {
            for (int c = 0; c < cells.length; c++) {
                Object value = cells[c];
                if (value instanceof Number number) {
                    sheet.value(next, c, number);
                } else if (value != null) {
                    // inline, not in the shared-string table, which would grow with every row
                    sheet.inlineString(next, c, value.toString());
                }
            }
            next++;
        }

        @Override
        public void flush() throws IOException {
            sheet.flush();
        }

        @Override
        public void finish() throws IOException {
            sheet.finish();
            workbook.finish();
        }
    }

    /**
     * The export waits on the database (cursor batches into a file): on an event-loop thread that
     * would stall every request sharing it, so such a call fails at once instead of blocking.
     */
    private static void requireWorkerThread() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("A ledger export blocks: run it on a worker thread (Offload.work)");
        }
    }
}
