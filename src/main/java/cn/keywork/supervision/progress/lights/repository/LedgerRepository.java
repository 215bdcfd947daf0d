package cn.keywork.supervision.progress.lights.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.progress.lights.domain.Dashboard;
import cn.keywork.supervision.progress.lights.domain.LedgerRow;
import cn.keywork.supervision.progress.lights.domain.LedgerState;
import cn.keywork.supervision.progress.lights.domain.LedgerVersion;
import cn.keywork.supervision.progress.lights.domain.Light;
import cn.keywork.supervision.progress.lights.domain.LightRules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The ledger's tables and its row queries, in the caller's session. */
@ApplicationScoped
public class LedgerRepository {

    private final ObjectMapper json;

    LedgerRepository(ObjectMapper json) {
        this.json = json;
    }

    /** A closed month's ledger, or null while it is open; {@code lock} holds it until the transaction ends. */
    public Uni<LedgerState> state(String period, boolean lock) {
        String sql = "SELECT l.latest_version, l.published_version, l.closed_at, l.published_at, l.version, "
                + "(SELECT v.row_count FROM ledger_version v WHERE v.period = l.period AND v.number = l.latest_version) "
                + "FROM ledger l WHERE l.period = :period" + (lock ? " FOR UPDATE" : "");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class).setParameter("period", period)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : state(period, rows.get(0)));
    }

    private static LedgerState state(String period, Object[] row) {
        return new LedgerState(period, ((Number) row[0]).intValue(), row[1] == null ? null : ((Number) row[1]).intValue(),
                instant(row[2]), instant(row[3]), row[5] == null ? 0 : ((Number) row[5]).intValue(), ((Number) row[4]).longValue());
    }

    /** Opens the ledger row of a month being closed; false when it was closed already. */
    public Uni<Boolean> create(String period, OffsetDateTime now, UUID actor) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO ledger (period, latest_version, closed_at, closed_by, version)
                VALUES (:period, 1, :now, cast(:actor AS uuid), 1) ON CONFLICT (period) DO NOTHING""")
                .setParameter("period", period).setParameter("now", now).setParameter("actor", text(actor))
                .executeUpdate()).map(count -> count == 1);
    }

    /** Freezes the month's stored figures as version {@code number}; returns the number of rows. */
    public Uni<Integer> freeze(String period, int number, String reason, OffsetDateTime now, UUID actor) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO ledger_version (period, number, reason, row_count, created_at, created_by)
                VALUES (:period, :number, cast(:reason AS varchar), 0, :now, cast(:actor AS uuid))""")
                .setParameter("period", period).setParameter("number", number).setParameter("reason", reason)
                .setParameter("now", now).setParameter("actor", text(actor))
                .executeUpdate()
                .chain(() -> session.createNativeQuery(LedgerSql.freeze()).setParameter("period", period)
                        .setParameter("version", number).setParameter("year", Integer.parseInt(period.substring(0, 4)))
                        .executeUpdate())
                .call(rows -> session.createNativeQuery(
                        "UPDATE ledger_version SET row_count = :rows WHERE period = :period AND number = :number")
                        .setParameter("rows", rows).setParameter("period", period).setParameter("number", number).executeUpdate()));
    }

    /** Makes {@code number} the latest version. */
    public Uni<Void> latest(String period, int number) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "UPDATE ledger SET latest_version = :number, version = version + 1 WHERE period = :period")
                .setParameter("number", number).setParameter("period", period).executeUpdate()).replaceWithVoid();
    }

    /** Makes the latest version the public one. */
    public Uni<Void> publish(String period, OffsetDateTime now, UUID actor) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE ledger SET published_version = latest_version, published_at = :now, published_by = cast(:actor AS uuid),
                version = version + 1 WHERE period = :period""")
                .setParameter("now", now).setParameter("actor", text(actor)).setParameter("period", period).executeUpdate())
                .replaceWithVoid();
    }

    public Uni<List<LedgerVersion>> versions(String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT v.number, v.reason, v.row_count, v.created_at, v.number = l.published_version
                FROM ledger_version v JOIN ledger l ON l.period = v.period WHERE v.period = :period ORDER BY v.number""", Object[].class)
                .setParameter("period", period).getResultList())
                .map(rows -> rows.stream().map(row -> new LedgerVersion(period, ((Number) row[0]).intValue(), (String) row[1],
                        ((Number) row[2]).intValue(), instant(row[3]), Boolean.TRUE.equals(row[4]))).toList());
    }

    public Uni<LedgerVersion> version(String period, int number) {
        return versions(period).map(all -> all.stream().filter(v -> v.number() == number).findFirst().orElse(null));
    }

    /** A page of the month's rows computed now. */
    public Uni<List<LedgerRow>> livePage(String period, Optional<UUID> scope, LightRules rules, LocalDate today, int limit,
            int offset) {
        String sql = LedgerSql.live(rules, scope.isPresent()) + " SELECT " + LedgerSql.OUT
                + " FROM x ORDER BY row_no LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> {
            var query = live(session.createNativeQuery(sql, Object[].class), period, scope, today);
            return query.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        }).map(rows -> rows.stream().map(LedgerRepository::row).toList());
    }

    public Uni<Long> liveCount(String period, Optional<UUID> scope, LightRules rules, LocalDate today) {
        String sql = FigureSql.ctes(FigureSql.onePeriod(), true, "", scope.isPresent() ? FigureSql.scope("k") : "", rules.general(),
                rules.byCategory()) + " SELECT count(*) FROM t";
        return Panache.getSession().chain(session -> live(session.createNativeQuery(sql, Long.class), period, scope, today)
                .getSingleResult());
    }

    /** A page of a frozen version. */
    public Uni<List<LedgerRow>> frozenPage(String period, int version, Optional<UUID> scope, int limit, int offset) {
        String sql = LedgerSql.frozen(scope.isPresent()) + " SELECT " + LedgerSql.OUT + " FROM x ORDER BY row_no LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> {
            var query = frozen(session.createNativeQuery(sql, Object[].class), period, version, scope);
            return query.setParameter("limit", limit).setParameter("offset", offset).getResultList();
        }).map(rows -> rows.stream().map(LedgerRepository::row).toList());
    }

    public Uni<Long> frozenCount(String period, int version, Optional<UUID> scope) {
        String sql = LedgerSql.frozen(scope.isPresent()) + " SELECT count(*) FROM x";
        return Panache.getSession().chain(session -> frozen(session.createNativeQuery(sql, Long.class), period, version, scope)
                .getSingleResult());
    }

    /** Counts by light and category and by lead unit, the most lagging and the missing reports, in one statement. */
    public Uni<Dashboard.Counts> dashboard(String period, Integer frozenVersion, Optional<UUID> scope, LightRules rules,
            LocalDate today, int limit) {
        String x = frozenVersion != null ? LedgerSql.frozen(scope.isPresent())
                : FigureSql.ctes(FigureSql.onePeriod(), true, "", scope.isPresent() ? FigureSql.scope("k") : "", rules.general(),
                        rules.byCategory()) + ", x AS (SELECT fig.task_id, k.code, k.title, k.category, k.lead_unit_id, "
                        + "u.name AS lead_unit_name, fig.planned, fig.actual, fig.lag, fig.light, fig.report_status FROM f fig "
                        + "JOIN key_task k ON k.id = fig.task_id JOIN org_unit u ON u.id = k.lead_unit_id)";
        String figure = "SELECT task_id AS \"taskId\", code, title, category, lead_unit_id AS \"leadUnitId\", "
                + "lead_unit_name AS \"leadUnitName\", planned, actual, lag, light, report_status AS \"reportStatus\" FROM x";
        String sql = x + " SELECT cast(json_build_object("
                + "'total', (SELECT count(*) FROM x), "
                + "'byLightAndCategory', coalesce((SELECT json_agg(g ORDER BY g.category, g.light) FROM "
                + "(SELECT light, category, count(*) AS count FROM x GROUP BY light, category) g), '[]'), "
                + "'byUnit', coalesce((SELECT json_agg(b ORDER BY b.\"unitName\", b.\"unitId\") FROM "
                + "(SELECT lead_unit_id AS \"unitId\", min(lead_unit_name) AS \"unitName\", "
                + "count(*) FILTER (WHERE light = 'GREEN') AS green, count(*) FILTER (WHERE light = 'YELLOW') AS yellow, "
                + "count(*) FILTER (WHERE light = 'RED') AS red, count(*) FILTER (WHERE light = 'COMPLETED') AS completed, "
                + "count(*) FILTER (WHERE light = 'NOT_REPORTED') AS \"notReported\", count(*) AS total FROM x GROUP BY lead_unit_id) b), '[]'), "
                + "'mostLagging', coalesce((SELECT json_agg(m) FROM (" + figure
                + " WHERE light <> 'COMPLETED' AND lag > 0 ORDER BY lag DESC, code, task_id LIMIT :limit) m), '[]'), "
                + "'missingReports', coalesce((SELECT json_agg(n) FROM (" + figure
                + " WHERE light <> 'COMPLETED' AND report_status IS DISTINCT FROM 'ACCEPTED' ORDER BY code, task_id LIMIT 200) n), '[]')"
                + ") AS text)";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, String.class);
            if (frozenVersion != null) {
                frozen(query, period, frozenVersion, scope);
            } else {
                live(query, period, scope, today);
            }
            return query.setParameter("limit", limit).getSingleResult();
        }).map(this::counts);
    }

    private Dashboard.Counts counts(String text) {
        try {
            return json.readValue(text, Dashboard.Counts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Dashboard figures are not readable", e);
        }
    }

    private static <Q extends Mutiny.AbstractQuery> Q live(Q query, String period, Optional<UUID> scope, LocalDate today) {
        query.setParameter("period", period);
        query.setParameter("today", today);
        query.setParameter("forceClosed", false);
        scope.ifPresent(unit -> query.setParameter("scope", unit));
        return query;
    }

    private static <Q extends Mutiny.AbstractQuery> Q frozen(Q query, String period, int version, Optional<UUID> scope) {
        query.setParameter("period", period);
        query.setParameter("version", version);
        scope.ifPresent(unit -> query.setParameter("scope", unit));
        return query;
    }

    /** One row of {@link LedgerSql#OUT}. */
    static LedgerRow row(Object[] r) {
        String names = (String) r[8];
        return new LedgerRow(r[0].toString().trim(), r[1] == null ? null : ((Number) r[1]).intValue(), (UUID) r[2], (String) r[3],
                (String) r[4], (String) r[5], (UUID) r[6], (String) r[7],
                names == null || names.isEmpty() ? List.of() : Arrays.asList(names.split("\u001f", -1)), (String) r[9],
                (LocalDate) r[10], (BigDecimal) r[11], (BigDecimal) r[12], (BigDecimal) r[13], Light.valueOf((String) r[14]),
                (UUID) r[15], (String) r[16], (String) r[17], (String) r[18], ((Number) r[19]).intValue());
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }

}
