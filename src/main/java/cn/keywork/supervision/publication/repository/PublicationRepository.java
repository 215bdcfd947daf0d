package cn.keywork.supervision.publication.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.publication.domain.FeedEntry;
import cn.keywork.supervision.publication.domain.PublicHistory;
import cn.keywork.supervision.publication.domain.PublicRow;
import cn.keywork.supervision.publication.domain.PublishedLedger;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reads what has been published, and only that: every query goes through a ledger's
 * {@code published_version}, and selects public columns only (units by name; never a person, a
 * phone, an e-mail or an account). One statement per answer.
 */
@ApplicationScoped
public class PublicationRepository {

    /** The published version of a month, joined as {@code l} (ledger) and {@code r} (its rows). */
    private static final String PUBLISHED_ROWS = " FROM ledger l JOIN ledger_row r ON r.period = l.period AND r.version = l.published_version"
            + " WHERE l.published_version IS NOT NULL";

    private static final String COUNTS = "count(r.task_id) FILTER (WHERE r.light = 'GREEN'), count(r.task_id) FILTER (WHERE r.light = 'YELLOW'), "
            + "count(r.task_id) FILTER (WHERE r.light = 'RED'), count(r.task_id) FILTER (WHERE r.light = 'COMPLETED'), "
            + "count(r.task_id) FILTER (WHERE r.light = 'NOT_REPORTED')";

    /** Photos that may be shown: images of the report behind a published row, with their public copy made. */
    private static final String PUBLIC_PHOTOS = "a.owner_type = 'REPORT' AND a.public_blob IS NOT NULL AND a.content_type LIKE 'image/%'";

    /** Every published month, newest first, with its light counts. */
    public Uni<List<PublishedLedger>> published() {
        return session().chain(session -> session.createNativeQuery("SELECT l.period, l.published_version, l.published_at, "
                + COUNTS + " FROM ledger l LEFT JOIN ledger_row r ON r.period = l.period AND r.version = l.published_version"
                + " WHERE l.published_version IS NOT NULL GROUP BY l.period, l.published_version, l.published_at"
                + " ORDER BY l.period DESC", Object[].class).getResultList())
                .map(rows -> rows.stream().map(PublicationRepository::summary).toList());
    }

    /** The month's published ledger without its rows; null when the month is not published. */
    public Uni<PublishedLedger> published(String period) {
        return session().chain(session -> session.createNativeQuery("SELECT l.period, l.published_version, l.published_at, "
                + COUNTS + " FROM ledger l LEFT JOIN ledger_row r ON r.period = l.period AND r.version = l.published_version"
                + " WHERE l.published_version IS NOT NULL AND l.period = :period"
                + " GROUP BY l.period, l.published_version, l.published_at", Object[].class)
                .setParameter("period", period).getResultList())
                .map(rows -> rows.isEmpty() ? null : summary(rows.get(0)));
    }

    /** A page of the rows of the month's published version, in ledger order, each with its public photos. */
    public Uni<List<PublicRow>> rows(String period, int limit, long offset) {
        return session().chain(session -> session.createNativeQuery("""
                SELECT r.code, r.title, r.category, r.lead_unit_name, array_to_string(r.cooperating_unit_names, chr(31)),
                       r.planned, r.actual, r.lag, r.light, r.summary, r.problems,
                       (SELECT string_agg(a.id::text, ',' ORDER BY a.uploaded_at, a.id) FROM attachment a
                         WHERE a.owner_id = r.report_id AND\s""" + PUBLIC_PHOTOS + ")"
                + PUBLISHED_ROWS + " AND l.period = :period ORDER BY r.row_no LIMIT :limit OFFSET :offset", Object[].class)
                .setParameter("period", period).setParameter("limit", limit).setParameter("offset", offset).getResultList())
                .map(rows -> rows.stream().map(PublicationRepository::row).toList());
    }

    /** The task's figures in every published month, oldest first; null when no published ledger holds it. */
    public Uni<PublicHistory> history(String code) {
        return session().chain(session -> session.createNativeQuery("SELECT r.period, r.planned, r.actual, r.lag, r.light, "
                + "r.title, r.category, r.lead_unit_name" + PUBLISHED_ROWS + " AND r.code = :code ORDER BY r.period", Object[].class)
                .setParameter("code", code).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] latest = rows.get(rows.size() - 1);
                    List<PublicHistory.Month> months = rows.stream().map(row -> new PublicHistory.Month(text(row[0]),
                            decimal(row[1]), decimal(row[2]), decimal(row[3]), text(row[4]))).toList();
                    return new PublicHistory(code, text(latest[5]), text(latest[6]), text(latest[7]), months);
                });
    }

    /** Whether the photo is an image of the report behind a row of a published ledger, with its public copy made. */
    public Uni<Boolean> isPublishedPhoto(UUID id) {
        return session().chain(session -> session.createNativeQuery("SELECT count(*) FROM attachment a WHERE a.id = :id AND "
                + PUBLIC_PHOTOS + " AND EXISTS (SELECT 1" + PUBLISHED_ROWS + " AND r.report_id = a.owner_id)", Long.class)
                .setParameter("id", id).getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * The newest events the press may see: ledgers published, tasks completed, tasks turned red or
     * back to green from red or yellow. An event of a month shows once that month is published, and
     * a light's change only if it happened before the month's latest publication (later ones tell
     * figures not yet published).
     */
    public Uni<List<FeedEntry>> feed(int limit) {
        return session().chain(session -> session.createNativeQuery("""
                SELECT e.id, e.type, e.occurred_at, e.period, coalesce(e.payload->>'code', k.code), coalesce(e.payload->>'title', k.title),
                       e.payload->>'from', e.payload->>'to', coalesce(e.payload->>'version', l.published_version::text)
                  FROM domain_event e
                  LEFT JOIN key_task k ON e.object_type = 'TASK' AND k.id::text = e.object_id
                  LEFT JOIN ledger l ON l.period = e.period
                 WHERE (e.type = 'task.completed'
                        OR (e.type = 'ledger.published' AND l.published_version IS NOT NULL)
                        OR (e.type = 'light.changed' AND l.published_version IS NOT NULL AND e.occurred_at <= l.published_at
                            AND ((e.payload->>'to' = 'RED' AND coalesce(e.payload->>'from', '') <> 'RED')
                                 OR (e.payload->>'to' = 'GREEN' AND e.payload->>'from' IN ('RED', 'YELLOW')))))
                   AND (e.period IS NULL OR l.published_version IS NOT NULL)
                 ORDER BY e.seq DESC
                 LIMIT :limit""", Object[].class)
                .setParameter("limit", limit).getResultList())
                .map(rows -> {
                    List<FeedEntry> entries = new ArrayList<>();
                    for (Object[] row : rows) {
                        FeedEntry.Kind kind = switch (text(row[1])) {
                            case "ledger.published" -> FeedEntry.Kind.LEDGER_PUBLISHED;
                            case "task.completed" -> FeedEntry.Kind.TASK_COMPLETED;
                            default -> "RED".equals(row[7]) ? FeedEntry.Kind.TURNED_RED : FeedEntry.Kind.BACK_TO_GREEN;
                        };
                        entries.add(new FeedEntry((UUID) row[0], kind, time(row[2]), text(row[3]), text(row[4]), text(row[5]),
                                row[8] == null ? null : Integer.valueOf(row[8].toString())));
                    }
                    return entries;
                });
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private static PublishedLedger summary(Object[] row) {
        return new PublishedLedger(text(row[0]), ((Number) row[1]).intValue(), time(row[2]),
                new PublishedLedger.LightCounts(count(row[3]), count(row[4]), count(row[5]), count(row[6]), count(row[7])),
                List.of());
    }

    private static PublicRow row(Object[] row) {
        String cooperating = text(row[4]);
        String photos = text(row[11]);
        return new PublicRow(text(row[0]), text(row[1]), text(row[2]), text(row[3]),
                cooperating == null || cooperating.isEmpty() ? List.of() : Arrays.asList(cooperating.split("\u001f")),
                decimal(row[5]), decimal(row[6]), decimal(row[7]), text(row[8]), text(row[9]), text(row[10]),
                photos == null ? List.of() : Arrays.stream(photos.split(",")).map(UUID::fromString).toList());
    }

    private static int count(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString().trim();
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    private static OffsetDateTime time(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime offset ? offset : ((java.time.Instant) value).atOffset(ZoneOffset.UTC);
    }
}
