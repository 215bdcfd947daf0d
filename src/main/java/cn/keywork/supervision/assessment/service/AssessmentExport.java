package cn.keywork.supervision.assessment.service;

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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.keywork.supervision.assessment.domain.Summary;
import cn.keywork.supervision.assessment.domain.SummaryRow;
import cn.keywork.supervision.platform.CsvText;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes the annual assessment for the 跨越发展考核 system: CSV (UTF-8 with BOM) of the units, or
 * XLSX with a sheet of the units and a sheet of every entry with its basis, the entries read
 * through a database cursor batch by batch so the heap stays flat. The unit rows are the summary's
 * own, so the file's totals are the API's. Blocking: call it on a worker thread only.
 */
@ApplicationScoped
public class AssessmentExport {

    public enum Format {
        CSV("text/csv; charset=UTF-8", "csv"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
        JSON("application/json", "json");

        public final String mediaType;
        public final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }
    }

    static final List<String> UNIT_HEADERS = List.of("单位代码", "单位名称", "单位类型", "基础分", "加分", "减分", "总分", "排名", "状态");

    static final List<String> ENTRY_HEADERS = List.of("单位代码", "单位名称", "记录编号", "分值", "来源", "规则代码", "细则版本",
            "来源事件类型", "来源事件", "对象类型", "对象编号", "对象", "冲正记录", "记录时间");

    static final Map<String, String> UNIT_TYPES = Map.of("COUNTY_GOVERNMENT", "县区政府", "DEVELOPMENT_ZONE", "管委会",
            "MUNICIPAL_DEPARTMENT", "市委办局", "DIRECT_UNIT", "直属单位", "SUPERVISION_OFFICE", "督查室", "ASSESSMENT_OFFICE", "督考办",
            "LEADING_GROUP_OFFICE", "领导小组办公室", "CITY_LEADERSHIP", "市政府领导");

    static final Map<String, String> SOURCES = Map.of("SUPERVISION", "日常督查", "EVALUATION", "公开评议", "MANUAL", "人工加减分");

    private static final String ENTRIES = """
            SELECT o.code, o.name, e.id::text, e.points, e.source, e.rule_code, e.rule_book_version, d.type,
                   e.source_event_id::text, e.object_type, e.object_id, e.object_label, e.reversal_of::text, e.created_at::text
            FROM point_entry e JOIN org_unit o ON o.id = e.unit_id LEFT JOIN domain_event d ON d.id = e.source_event_id
            WHERE e.year = $1 AND e.status = 'EFFECTIVE' AND ($2::uuid IS NULL OR e.unit_id = $2::uuid)
            ORDER BY e.seq""";

    private static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Pool pool;
    private final Path scratch;

    AssessmentExport(Pool pool, @ConfigProperty(name = "quarkus.http.body.uploads-directory") String scratch) {
        this.pool = pool;
        this.scratch = Path.of(scratch);
    }

    /** The file name, {@code 考核汇总-2026.csv}, as RFC 6266/5987 {@code Content-Disposition}. */
    public static String contentDisposition(int year, Format format) {
        String name = "考核汇总-" + year + "." + format.extension;
        return "attachment; filename=\"assessment-" + year + "." + format.extension + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Writes the summary (and for XLSX the entries) into a new private scratch file; blocking. */
    public Path toFile(Summary summary, Format format, Optional<UUID> scope) {
        requireWorkerThread();
        Path file = null;
        try {
            Files.createDirectories(scratch);
            file = Files.createTempFile(scratch, "assessment-", "." + format.extension);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
                if (format == Format.XLSX) {
                    xlsx(summary, scope, out);
                } else {
                    csv(summary, out);
                }
            }
            return file;
        } catch (IOException | RuntimeException e) {
            remove(file);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
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

    static Object[] cells(Summary summary, SummaryRow row) {
        return new Object[] { row.unitCode(), row.unitName(), UNIT_TYPES.getOrDefault(row.unitType(), row.unitType()), row.base(),
                row.bonus(), row.deduction(), row.total(), row.rank(), summary.frozen() ? "已冻结" : "暂定" };
    }

    private static void csv(Summary summary, OutputStream out) throws IOException {
        out.write(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF });
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvText.line(writer, UNIT_HEADERS.toArray());
        for (SummaryRow row : summary.rows()) {
            CsvText.line(writer, cells(summary, row));
        }
        writer.flush();
    }

    private void xlsx(Summary summary, Optional<UUID> scope, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "key-work-supervision", "1.0");
        Worksheet units = workbook.newWorksheet("单位汇总");
        header(units, UNIT_HEADERS);
        int next = 1;
        for (SummaryRow row : summary.rows()) {
            put(units, next++, cells(summary, row));
        }
        units.finish();
        Worksheet entries = workbook.newWorksheet("加减分明细");
        header(entries, ENTRY_HEADERS);
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction transaction = connection.begin().await().atMost(WAIT);
            PreparedStatement statement = connection.prepare(ENTRIES).await().atMost(WAIT);
            Cursor cursor = statement.cursor(Tuple.of(summary.year(), scope.orElse(null)));
            int line = 1;
            do {
                RowSet<Row> rows = cursor.read(BATCH).await().atMost(WAIT);
                for (Row row : rows) {
                    put(entries, line++, new Object[] { row.getString(0), row.getString(1), row.getString(2),
                            row.getBigDecimal(3), SOURCES.getOrDefault(row.getString(4), row.getString(4)), row.getString(5),
                            row.getInteger(6), row.getString(7), row.getString(8), row.getString(9), row.getString(10),
                            row.getString(11), row.getString(12), row.getString(13) });
                }
                entries.flush();
            } while (cursor.hasMore());
            cursor.close().await().atMost(WAIT);
            transaction.commit().await().atMost(WAIT);
        } finally {
            connection.close().await().atMost(WAIT);
        }
        entries.finish();
        workbook.finish();
    }

    private static void header(Worksheet sheet, List<String> headers) {
        for (int c = 0; c < headers.size(); c++) {
            sheet.value(0, c, headers.get(c));
            sheet.style(0, c).bold().set();
        }
    }

    private static void put(Worksheet sheet, int line, Object[] cells) {
        for (int c = 0; c < cells.length; c++) {
            Object value = cells[c];
            if (value instanceof Number number) {
                sheet.value(line, c, number);
            } else if (value != null) {
                sheet.inlineString(line, c, value.toString());
            }
        }
    }

    /** The export waits on the database: on an event-loop thread it fails at once instead of blocking. */
    private static void requireWorkerThread() {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("An assessment export blocks: run it on a worker thread (Offload.work)");
        }
    }
}
