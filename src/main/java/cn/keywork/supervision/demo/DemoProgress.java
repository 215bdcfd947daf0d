package cn.keywork.supervision.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.evidence.storage.EvidenceStore;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.progress.lights.service.LedgerService;
import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The demo city's year so far: a monthly report for every registered task and month of this year
 * up to last month — most accepted on time, some late, one task a month short so NOT_REPORTED
 * shows — with a mix of lags (most on schedule, some yellow, one turning red last month, one back
 * to green), a few photos, and last month's ledger closed and published. The reports are written
 * set-based (a few statements whatever the number of tasks), the lights computed month by month
 * and the ledger closed and published by the services the office uses, all in the demo's loading
 * transaction.
 */
@ApplicationScoped
public class DemoProgress {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DemoProgress.class);

    /** Demo photos: the public copy and its thumbnail, drawn at start (before any database work). */
    public record Photo(byte[] image, byte[] thumbnail) {
    }

    private final EvidenceStore store;
    private final ProgressFigures figures;
    private final LedgerService ledgers;
    private final Clock clock;
    private final ZoneId zone;

    DemoProgress(EvidenceStore store, ProgressFigures figures, LedgerService ledgers, Clock clock, SupervisionConfig config) {
        this.store = store;
        this.figures = figures;
        this.ledgers = ledgers;
        this.clock = clock;
        this.zone = config.timeZone();
    }

    /** Last month, when it lies in this year; null in January (the year has no month behind it yet). */
    YearMonth lastMonth() {
        YearMonth now = YearMonth.now(clock.withZone(zone));
        return now.getMonthValue() == 1 ? null : now.minusMonths(1);
    }

    /** Draws a few site photos (CPU only, a few milliseconds); call it off the database pipeline. */
    static List<Photo> drawPhotos() {
        List<Photo> photos = new ArrayList<>();
        Color[] skies = {new Color(0x8fb8de), new Color(0xa9c9a4), new Color(0xd9b38c)};
        for (int i = 0; i < skies.length; i++) {
            BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(skies[i]);
            g.fillRect(0, 0, 640, 300);
            g.setColor(new Color(0x7a6a58));
            g.fillRect(0, 300, 640, 180);
            g.setColor(new Color(0xe0a030));
            g.fillRect(120 + 60 * i, 180, 200, 140);
            g.setColor(Color.DARK_GRAY);
            for (int x = 0; x < 640; x += 80) {
                g.drawLine(x, 300, x + 40, 480);
            }
            g.dispose();
            BufferedImage small = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
            Graphics2D s = small.createGraphics();
            s.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            s.drawImage(image, 0, 0, 320, 240, null);
            s.dispose();
            photos.add(new Photo(jpeg(image), jpeg(small)));
        }
        return photos;
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Loads the year's reports, photos and last month's published ledger; must run in the demo's transaction. */
    Uni<Void> load(int year, List<Photo> photos) {
        YearMonth last = lastMonth();
        if (last == null || last.getYear() != year) {
            return Uni.createFrom().voidItem();
        }
        int lastMonth = last.getMonthValue();
        String period = last.toString();
        long start = System.nanoTime();
        return run(FIGURES, year, lastMonth)
                .chain(() -> run(TASK_FIGURES, year, lastMonth))
                .chain(() -> run(REPORTS, year, lastMonth))
                .chain(() -> run(REPORT_LINES, year, lastMonth))
                .chain(() -> run(REPORT_VERSIONS, year, lastMonth))
                .chain(() -> attachPhotos(period, photos))
                .chain(() -> lightsOfTheYear(year, lastMonth))
                .chain(() -> ledgers.close(period))
                .chain(closed -> ledgers.publish(period, closed.version()))
                .chain(() -> run("DROP TABLE demo_figure, demo_task_figure", year, lastMonth))
                .invoke(() -> LOG.infof("Demo reports of %s months and the ledger of %s loaded in %s ms", (Object) lastMonth, period,
                        (System.nanoTime() - start) / 1_000_000));
    }

    private Uni<Void> attachPhotos(String period, List<Photo> photos) {
        List<Uni<Void>> steps = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
            int n = i;
            Photo photo = photos.get(i);
            steps.add(store.write(photo.image()).chain(original -> store.write(photo.image())
                    .chain(copy -> store.write(photo.thumbnail())
                            .chain(thumbnail -> Panache.getSession().chain(session -> session.createNativeQuery("""
                                    INSERT INTO attachment (id, owner_type, owner_id, task_id, period, file_name, caption, content_type, size,
                                        sha256, width, height, content_blob, thumbnail_blob, public_blob, uploaded_by, uploaded_at)
                                    SELECT :id, 'REPORT', r.id, r.task_id, r.period, '施工现场' || (f.n + 1) || '.jpg', '施工现场照片', 'image/jpeg',
                                           :size, :sha, 640, 480, :original, :thumbnail, :copy, r.submitted_by, r.submitted_at
                                      FROM progress_report r JOIN demo_task_figure f ON f.task_id = r.task_id AND f.period = r.period
                                     WHERE r.period = :period AND f.n = :n""")
                                    .setParameter("id", UUID.randomUUID()).setParameter("n", n)
                                    .setParameter("size", (long) photo.image().length).setParameter("sha", sha256(photo.image()))
                                    .setParameter("original", original).setParameter("thumbnail", thumbnail).setParameter("copy", copy)
                                    .setParameter("period", period).executeUpdate())))).replaceWithVoid());
        }
        return Multi.createFrom().iterable(steps).onItem().transformToUniAndConcatenate(step -> step).collect().last()
                .replaceWithVoid();
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lights of every month so far, as the office would see them had each month been computed in turn. */
    private Uni<Void> lightsOfTheYear(int year, int lastMonth) {
        return Multi.createFrom().range(1, lastMonth)
                .onItem().transformToUniAndConcatenate(month -> figures.recomputeMonth(YearMonth.of(year, month).toString()))
                .collect().last().replaceWithVoid();
    }

    private static Uni<Void> run(String sql, int year, int lastMonth) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            if (sql.contains(":year")) {
                query.setParameter("year", year);
            }
            if (sql.contains(":last")) {
                query.setParameter("last", lastMonth);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * Each sub-item's planned and actual progress per month. A task's lag is chosen by its place in
     * the register: most a point or two behind, one in ten yellow, one in ten red all year, one in
     * ten yellow until it stalled last month (red), one in ten back to green from red, the eleventh
     * done early. Actual progress never falls from one month to the next.
     */
    private static final String FIGURES = """
            CREATE TEMP TABLE demo_figure ON COMMIT DROP AS
            WITH tasks AS (
                SELECT t.id, t.lead_unit_id, (row_number() OVER (ORDER BY t.code) - 1)::int AS n
                  FROM key_task t WHERE t.year = :year AND t.code IS NOT NULL
            ), planned AS (
                SELECT k.id AS task_id, k.n, k.lead_unit_id, m, to_char(make_date(:year, m, 1), 'YYYY-MM') AS period,
                       s.id AS sub_item_id, s.weight,
                       coalesce((SELECT p.planned_percent FROM task_sub_item_month p WHERE p.sub_item_id = s.id
                                  AND p.month <= to_char(make_date(:year, m, 1), 'YYYY-MM') ORDER BY p.month DESC LIMIT 1), 0) AS planned,
                       CASE WHEN k.n = 10 THEN -100
                            WHEN k.n % 10 = 3 THEN 13
                            WHEN k.n % 10 = 9 THEN 30
                            WHEN k.n % 10 = 5 THEN CASE WHEN m = :last THEN 100 ELSE 15 END
                            WHEN k.n % 10 = 8 THEN CASE WHEN m = :last THEN 1 ELSE 24 END
                            ELSE k.n % 3 END AS lag
                  FROM tasks k JOIN task_sub_item s ON s.task_id = k.id CROSS JOIN generate_series(1, :last) m
            )
            SELECT task_id, n, lead_unit_id, m, period, sub_item_id, weight, planned,
                   max(greatest(0, least(100, planned - lag))) OVER (PARTITION BY sub_item_id ORDER BY m) AS actual,
                   (n % 10 = 7 AND m = :last) AS missing,
                   ((n + m) % 7 = 0) AS late
              FROM planned""";

    /** Each task's weighted figures and light per month, to word the reports (the lights themselves are computed by the lights feature). */
    private static final String TASK_FIGURES = """
            CREATE TEMP TABLE demo_task_figure ON COMMIT DROP AS
            SELECT f.task_id, f.n, f.lead_unit_id, f.m, f.period, bool_or(f.missing) AS missing, bool_or(f.late) AS late,
                   round(sum(f.weight * f.planned) / sum(f.weight), 2) AS planned,
                   round(sum(f.weight * f.actual) / sum(f.weight), 2) AS actual,
                   CASE WHEN bool_or(f.missing) THEN 'NOT_REPORTED'
                        WHEN round(sum(f.weight * f.actual) / sum(f.weight), 2) >= 100 THEN 'COMPLETED'
                        WHEN round(sum(f.weight * (f.planned - f.actual)) / sum(f.weight), 2) >= 20 THEN 'RED'
                        WHEN round(sum(f.weight * (f.planned - f.actual)) / sum(f.weight), 2) >= 10 THEN 'YELLOW'
                        ELSE 'GREEN' END AS light
              FROM demo_figure f GROUP BY f.task_id, f.n, f.lead_unit_id, f.m, f.period""";

    private static final String REPORTS = """
            INSERT INTO progress_report (id, task_id, period, status, summary, problems, measures, next_steps, late, submitted_count,
                submitted_at, submitted_by, decided_at, decided_by, version, created_at, updated_at)
            SELECT gen_random_uuid(), f.task_id, f.period, 'ACCEPTED',
                   '本月按计划推进，累计完成 ' || f.actual || '%。',
                   CASE WHEN f.light IN ('YELLOW', 'RED') THEN '征地拆迁和资金到位滞后，影响施工进度。' ELSE '无' END,
                   CASE WHEN f.light IN ('YELLOW', 'RED') THEN '倒排工期，增加作业面，协调资金拨付。' ELSE '持续跟踪调度。' END,
                   '按序时进度推进下月任务。', f.late, 1,
                   make_timestamptz(:year, f.m, CASE WHEN f.late THEN 27 ELSE 20 END, 10, 0, 0, 'Asia/Shanghai'),
                   (SELECT u.id FROM app_user u WHERE u.unit_id = f.lead_unit_id AND u.username LIKE 'liaison-%' LIMIT 1),
                   make_timestamptz(:year, f.m, 28, 16, 0, 0, 'Asia/Shanghai'),
                   (SELECT u.id FROM app_user u WHERE u.username = 'office'),
                   3, make_timestamptz(:year, f.m, 15, 9, 0, 0, 'Asia/Shanghai'), make_timestamptz(:year, f.m, 28, 16, 0, 0, 'Asia/Shanghai')
              FROM demo_task_figure f WHERE NOT f.missing""";

    private static final String REPORT_LINES = """
            INSERT INTO progress_report_sub_item (report_id, sub_item_id, actual, note, updated_by, updated_at)
            SELECT r.id, f.sub_item_id, f.actual, NULL, r.submitted_by, r.submitted_at
              FROM demo_figure f JOIN progress_report r ON r.task_id = f.task_id AND r.period = f.period""";

    private static final String REPORT_VERSIONS = """
            INSERT INTO progress_report_version (report_id, number, submitted_at, submitted_by, late, content)
            SELECT r.id, 1, r.submitted_at, r.submitted_by, r.late, jsonb_build_object('period', r.period, 'summary', r.summary,
                   'problems', r.problems, 'measures', r.measures, 'nextSteps', r.next_steps, 'coordinationRequests', '[]'::jsonb,
                   'subItems', (SELECT jsonb_agg(jsonb_build_object('subItemId', l.sub_item_id, 'actual', l.actual, 'note', l.note)
                                  ORDER BY l.sub_item_id) FROM progress_report_sub_item l WHERE l.report_id = r.id))
              FROM progress_report r JOIN demo_task_figure f ON f.task_id = r.task_id AND f.period = r.period""";
}
