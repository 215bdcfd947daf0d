package cn.keywork.supervision.assessment.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.assessment.domain.SnapshotChange;
import cn.keywork.supervision.assessment.domain.SummaryRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The annual assessment in plain SQL: every figure is summed, capped and ranked by the database in
 * one statement, without reading entries into memory; the freeze copies that statement's rows into
 * the snapshot.
 */
@ApplicationScoped
@WithSession
public class SummaryRepository {

    /** The year's ACTIVE rule book or, when frozen, the frozen one: id, version. */
    public record Book(UUID id, int version) {
    }

    /** A frozen year: its rule book, when and up to which entry. */
    public record Frozen(UUID ruleBookId, int ruleBookVersion, Instant frozenAt, long lastEntrySeq) {
    }

    /**
     * The summary of {@code :year} under rule book {@code :book}: per unit with a registered task of
     * the year (lead or cooperating) or an entry, base, bonus and deduction (by the sign of the points an entry or the entry it
     * reverses carries) capped by the rule book, total and rank within the unit type (ties share a
     * rank), points by rule and by source. With {@code :lastSeq}, only the entries up to it and the
     * reversals objections upheld on those. Columns: unit_id, code, name, type, base, bonus,
     * deduction, total, rank, by_rule, by_source (jsonb).
     */
    static final String CORE = """
            WITH book AS (
                SELECT base_score, bonus_cap, deduction_cap FROM assessment_rule_book WHERE id = :book
            ), entries AS (
                SELECT e.unit_id, e.source, coalesce(e.rule_code, 'MANUAL') AS rule_code, e.points,
                       CASE WHEN e.reversal_of IS NULL THEN e.points ELSE -e.points END AS kind
                FROM point_entry e
                WHERE e.year = :year AND e.status = 'EFFECTIVE'
                  AND (cast(cast(:lastSeq AS text) AS bigint) IS NULL OR e.seq <= cast(cast(:lastSeq AS text) AS bigint)
                       OR (e.reversal_of IS NOT NULL AND EXISTS (
                           SELECT 1 FROM point_objection o JOIN point_entry r ON r.id = o.entry_id
                           WHERE o.reversal_entry_id = e.id AND r.seq <= cast(cast(:lastSeq AS text) AS bigint))))
            ), units AS (
                SELECT t.lead_unit_id AS unit_id FROM key_task t
                WHERE t.year = :year AND t.status IN ('ACTIVE', 'COMPLETED', 'CLOSED')
                UNION SELECT c.unit_id FROM key_task_cooperation c JOIN key_task t ON t.id = c.task_id
                WHERE t.year = :year AND t.status IN ('ACTIVE', 'COMPLETED', 'CLOSED')
                UNION SELECT unit_id FROM entries
            ), totals AS (
                SELECT u.unit_id,
                       coalesce(sum(e.points) FILTER (WHERE e.kind > 0), 0) AS bonus,
                       coalesce(sum(e.points) FILTER (WHERE e.kind < 0), 0) AS deduction,
                       coalesce(sum(e.points) FILTER (WHERE e.source = 'SUPERVISION'), 0) AS supervision,
                       coalesce(sum(e.points) FILTER (WHERE e.source = 'EVALUATION'), 0) AS evaluation,
                       coalesce(sum(e.points) FILTER (WHERE e.source = 'MANUAL'), 0) AS manual
                FROM units u LEFT JOIN entries e ON e.unit_id = u.unit_id
                GROUP BY u.unit_id
            ), rules AS (
                SELECT unit_id, jsonb_agg(jsonb_build_object('ruleCode', rule_code, 'points', points) ORDER BY rule_code) AS by_rule
                FROM (SELECT unit_id, rule_code, sum(points) AS points FROM entries GROUP BY unit_id, rule_code) r
                GROUP BY unit_id
            ), capped AS (
                SELECT t.unit_id, o.code, o.name, o.type, b.base_score AS base,
                       CASE WHEN b.bonus_cap IS NULL THEN t.bonus ELSE least(t.bonus, b.bonus_cap) END AS bonus,
                       CASE WHEN b.deduction_cap IS NULL THEN t.deduction ELSE greatest(t.deduction, -b.deduction_cap) END AS deduction,
                       coalesce(r.by_rule, '[]'::jsonb) AS by_rule,
                       jsonb_build_object('SUPERVISION', t.supervision, 'EVALUATION', t.evaluation, 'MANUAL', t.manual) AS by_source
                FROM totals t JOIN org_unit o ON o.id = t.unit_id CROSS JOIN book b LEFT JOIN rules r ON r.unit_id = t.unit_id
            )
            SELECT unit_id, code, name, type, base, bonus, deduction, base + bonus + deduction AS total,
                   cast(rank() OVER (PARTITION BY type ORDER BY base + bonus + deduction DESC) AS int) AS rank, by_rule, by_source
            FROM capped""";

    /**
     * Serialises the freeze of a year with the upheld objections of its entries until the
     * transaction ends: a freeze then sees every reversal committed before it, and an objection
     * decided after it finds the year frozen and changes the snapshot.
     */
    public Uni<Void> lockYear(int year) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("SELECT cast(pg_advisory_xact_lock(hashtext('assessment-year'), :year) AS text)", String.class)
                .setParameter("year", year).getSingleResult()).replaceWithVoid();
    }

    /** The year's ACTIVE rule book; null when none. */
    public Uni<Book> activeBook(int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id, version FROM assessment_rule_book WHERE year = :year AND status = 'ACTIVE'", Object[].class)
                .setParameter("year", year).getResultList())
                .map(rows -> rows.isEmpty() ? null : new Book((UUID) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue()));
    }

    /** The frozen year; null when not frozen. Locked until the transaction ends when {@code lock}. */
    public Uni<Frozen> frozen(int year, boolean lock) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT y.rule_book_id, b.version, y.frozen_at, y.last_entry_seq
                FROM assessment_year y JOIN assessment_rule_book b ON b.id = y.rule_book_id
                WHERE y.year = :year""" + (lock ? " FOR UPDATE OF y" : ""), Object[].class)
                .setParameter("year", year).getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new Frozen((UUID) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue(), instant(rows.get(0)[2]),
                                ((Number) rows.get(0)[3]).longValue()));
    }

    /** The provisional rows, computed now; only the scope's unit when given (ranked among all). */
    public Uni<List<SummaryRow>> provisional(int year, UUID book, Optional<UUID> scope) {
        String sql = "SELECT s.unit_id, s.code, s.name, s.type, s.base, s.bonus, s.deduction, s.total, s.rank,"
                + " s.by_rule::text, s.by_source::text, cast(NULL AS int) FROM (" + CORE + ") s"
                + (scope.isPresent() ? " WHERE s.unit_id = :scope" : "") + " ORDER BY s.type, s.rank, s.code";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("year", year).setParameter("book", book)
                    .setParameter("lastSeq", (String) null);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.stream().map(SummaryRepository::row).toList());
    }

    /** The snapshot's rows with the entries posted after the freeze; only the scope's unit when given. */
    public Uni<List<SummaryRow>> snapshot(int year, Optional<UUID> scope) {
        String sql = """
                SELECT s.unit_id, o.code, o.name, s.unit_type, s.base, s.bonus, s.deduction, s.total, s.rank,
                       s.by_rule::text, s.by_source::text,
                       cast((SELECT count(*) FROM point_entry e WHERE e.year = s.year AND e.unit_id = s.unit_id
                             AND e.seq > y.last_entry_seq AND NOT EXISTS (
                                 SELECT 1 FROM point_objection p JOIN point_entry r ON r.id = p.entry_id
                                 WHERE p.reversal_entry_id = e.id AND r.seq <= y.last_entry_seq)) AS int)
                FROM assessment_snapshot s JOIN assessment_year y ON y.year = s.year JOIN org_unit o ON o.id = s.unit_id
                WHERE s.year = :year""" + (scope.isPresent() ? " AND s.unit_id = :scope" : "")
                + " ORDER BY s.unit_type, s.rank, o.code";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("year", year);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.stream().map(SummaryRepository::row).toList());
    }

    /** The number of units the freeze would write now. */
    public Uni<Long> countUnits(int year, UUID book) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT count(*) FROM (" + CORE + ") s",
                Long.class).setParameter("year", year).setParameter("book", book).setParameter("lastSeq", (String) null)
                .getSingleResult());
    }

    /**
     * Freezes the year under its active rule book: the year row and one snapshot row per unit, in
     * two statements. Answers the units written, or -1 when the year was frozen already.
     */
    public Uni<Integer> freeze(int year, UUID book, UUID actor, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO assessment_year (year, rule_book_id, frozen_at, frozen_by, last_entry_seq)
                VALUES (:year, :book, :now, cast(:actor AS uuid), (SELECT coalesce(max(seq), 0) FROM point_entry))
                ON CONFLICT (year) DO NOTHING""")
                .setParameter("year", year).setParameter("book", book).setParameter("now", offset(now))
                .setParameter("actor", actor).executeUpdate()
                .chain(inserted -> inserted == 0 ? Uni.createFrom().item(-1) : session.createNativeQuery("""
                        INSERT INTO assessment_snapshot (year, unit_id, unit_type, base, bonus, deduction, total, rank, by_rule,
                                                         by_source, updated_at)
                        SELECT :year, s.unit_id, s.type, s.base, s.bonus, s.deduction, s.total, s.rank, s.by_rule, s.by_source, :now
                        FROM (""" + CORE + ") s")
                        .setParameter("year", year).setParameter("book", book).setParameter("now", offset(now))
                        .setParameter("lastSeq", (String) null).executeUpdate()));
    }

    /** The unit's snapshot row as the summary's item (JSON text); null when it has none. */
    public Uni<String> snapshotItem(int year, UUID unitId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT jsonb_build_object('unitId', s.unit_id, 'unitCode', o.code, 'unitName', o.name, 'unitType', s.unit_type,
                       'base', s.base, 'bonus', s.bonus, 'deduction', s.deduction, 'total', s.total, 'rank', s.rank,
                       'byRule', s.by_rule, 'bySource', s.by_source)::text
                FROM assessment_snapshot s JOIN org_unit o ON o.id = s.unit_id WHERE s.year = :year AND s.unit_id = :unit""",
                String.class).setParameter("year", year).setParameter("unit", unitId).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    /**
     * Recomputes the unit's snapshot row from the frozen entries and the reversals upheld objections
     * posted on them, then the ranks of the year; answers whether the unit had a row.
     */
    public Uni<Boolean> recompute(int year, Frozen frozen, UUID unitId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE assessment_snapshot s SET bonus = c.bonus, deduction = c.deduction, total = s.base + c.bonus + c.deduction,
                       by_rule = c.by_rule, by_source = c.by_source, updated_at = :now
                FROM (""" + CORE + """
                ) c WHERE s.year = :year AND s.unit_id = :unit AND c.unit_id = s.unit_id""")
                .setParameter("year", year).setParameter("book", frozen.ruleBookId()).setParameter("lastSeq", Long.toString(frozen.lastEntrySeq()))
                .setParameter("now", offset(now)).setParameter("unit", unitId).executeUpdate()
                .chain(updated -> session.createNativeQuery("""
                        UPDATE assessment_snapshot s SET rank = r.rank
                        FROM (SELECT unit_id, cast(rank() OVER (PARTITION BY unit_type ORDER BY total DESC) AS int) AS rank
                              FROM assessment_snapshot WHERE year = :year) r
                        WHERE s.year = :year AND s.unit_id = r.unit_id AND s.rank <> r.rank""")
                        .setParameter("year", year).executeUpdate()
                        .map(ignored -> updated > 0)));
    }

    public Uni<Void> recordChange(UUID id, int year, UUID unitId, UUID objectionId, String before, String after, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO assessment_snapshot_change (id, year, unit_id, objection_id, before, after, changed_at)
                VALUES (:id, :year, :unit, :objection, cast(cast(:before AS text) AS jsonb), cast(cast(:after AS text) AS jsonb), :now)""")
                .setParameter("id", id).setParameter("year", year).setParameter("unit", unitId)
                .setParameter("objection", objectionId).setParameter("before", before).setParameter("after", after)
                .setParameter("now", offset(now)).executeUpdate()).replaceWithVoid();
    }

    public Uni<List<SnapshotChange>> changes(int year, Optional<UUID> scope) {
        String sql = "SELECT id, year, unit_id, objection_id, before::text, after::text, changed_at"
                + " FROM assessment_snapshot_change WHERE year = :year" + (scope.isPresent() ? " AND unit_id = :scope" : "")
                + " ORDER BY changed_at, id";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("year", year);
            scope.ifPresent(unit -> query.setParameter("scope", unit));
            return query.getResultList();
        }).map(rows -> rows.stream().map(r -> new SnapshotChange((UUID) r[0], ((Number) r[1]).intValue(), (UUID) r[2],
                (UUID) r[3], (String) r[4], (String) r[5], instant(r[6]))).toList());
    }

    private static SummaryRow row(Object[] r) {
        return new SummaryRow((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (BigDecimal) r[4], (BigDecimal) r[5],
                (BigDecimal) r[6], (BigDecimal) r[7], ((Number) r[8]).intValue(), (String) r[9], (String) r[10],
                r[11] == null ? null : ((Number) r[11]).intValue());
    }
}
