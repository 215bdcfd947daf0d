package cn.keywork.supervision.points.repository;

import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Rule books and their rules (R16), plain SQL; read as JSON in the contract's names. Only the
 * DRAFT version is ever written; activation supersedes the ACTIVE one and activates the draft.
 */
@ApplicationScoped
@WithSession
public class RuleBookRepository {

    /** A version's head, locked until the transaction ends. */
    public record Head(UUID id, int version, String status, long rowVersion) {
    }

    /** The draft's content: the rules as a JSON array in the contract's names. */
    public record Content(String title, BigDecimal baseScore, BigDecimal bonusCap, BigDecimal deductionCap,
            int objectionDays, String rulesJson) {
    }

    private static final String BOOK_JSON = """
            jsonb_strip_nulls(jsonb_build_object('id', b.id, 'year', b.year, 'version', b.version, 'status', b.status,
                'title', b.title, 'baseScore', b.base_score, 'bonusCap', b.bonus_cap, 'deductionCap', b.deduction_cap,
                'objectionDays', b.objection_days, 'activatedAt', b.activated_at, 'etag', '"' || b.row_version || '"'))
            || jsonb_build_object('rules', coalesce((SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object('code', r.code,
                    'description', r.description, 'eventType', r.event_type, 'points', r.points, 'appliesTo', r.applies_to,
                    'cooperatingShare', r.cooperating_share, 'capPerUnit', r.cap_per_unit))
                    || jsonb_build_object('condition', r.condition) ORDER BY r.list_order)
                FROM assessment_rule r WHERE r.rule_book_id = b.id), '[]'))""";

    /** Every year with its versions, newest first, as the contract's list. */
    public Uni<String> years() {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT cast(jsonb_build_object('items', coalesce(jsonb_agg(jsonb_build_object('year', y.year,
                    'versions', y.versions) ORDER BY y.year DESC), '[]')) AS text)
                FROM (SELECT b.year, jsonb_agg(jsonb_strip_nulls(jsonb_build_object('version', b.version, 'status', b.status,
                          'title', b.title, 'activatedAt', b.activated_at)) ORDER BY b.version DESC) AS versions
                      FROM assessment_rule_book b GROUP BY b.year) y""", String.class).getSingleResult());
    }

    /** The year's versions as JSON with their rules: ACTIVE and DRAFT, or the one {@code version}. Status → JSON. */
    public Uni<List<Object[]>> books(int year, Integer version) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT b.status, cast(" + BOOK_JSON
                + " AS text) FROM assessment_rule_book b WHERE b.year = :year AND (CASE WHEN cast(:version AS int) IS NULL "
                + "THEN b.status IN ('ACTIVE', 'DRAFT') ELSE b.version = cast(:version AS int) END) ORDER BY b.version",
                Object[].class)
                .setParameter("year", year).setParameter("version", version).getResultList());
    }

    /** One version as JSON. */
    public Uni<String> book(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT cast(" + BOOK_JSON
                + " AS text) FROM assessment_rule_book b WHERE b.id = :id", String.class)
                .setParameter("id", id).getSingleResult());
    }

    /** The year's version in {@code status}, locked; null when there is none. */
    public Uni<Head> lock(int year, String status) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id, version, status, row_version FROM assessment_rule_book WHERE year = :year AND status = :status
                FOR UPDATE""", Object[].class)
                .setParameter("year", year).setParameter("status", status).getResultList())
                .map(rows -> rows.isEmpty() ? null
                        : new Head((UUID) rows.get(0)[0], ((Number) rows.get(0)[1]).intValue(), (String) rows.get(0)[2],
                                ((Number) rows.get(0)[3]).longValue()));
    }

    /** Starts the year's next version as a DRAFT copy of its ACTIVE one (or empty); answers its id. */
    public Uni<UUID> startDraft(int year, UUID by, Instant now) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                WITH a AS (SELECT * FROM assessment_rule_book WHERE year = :year AND status = 'ACTIVE'),
                book AS (
                  INSERT INTO assessment_rule_book (id, year, version, status, title, base_score, bonus_cap, deduction_cap,
                      objection_days, created_by, row_version, created_at, updated_at)
                  SELECT :id, :year, coalesce((SELECT max(version) FROM assessment_rule_book WHERE year = :year), 0) + 1,
                         'DRAFT', coalesce((SELECT title FROM a), cast(:yearText AS varchar) || '年度考核细则'),
                         coalesce((SELECT base_score FROM a), 100), (SELECT bonus_cap FROM a), (SELECT deduction_cap FROM a),
                         coalesce((SELECT objection_days FROM a), 15), cast(:by AS uuid), 1, :now, :now
                  RETURNING id),
                rules AS (
                  INSERT INTO assessment_rule (rule_book_id, code, description, event_type, condition, points, applies_to,
                      cooperating_share, cap_per_unit, list_order)
                  SELECT (SELECT id FROM book), r.code, r.description, r.event_type, r.condition, r.points, r.applies_to,
                         r.cooperating_share, r.cap_per_unit, r.list_order
                  FROM assessment_rule r WHERE r.rule_book_id = (SELECT id FROM a)
                  RETURNING 1)
                SELECT (SELECT count(*) FROM book) + (SELECT count(*) FROM rules)""")
                .setParameter("id", id).setParameter("year", year).setParameter("yearText", Integer.toString(year))
                .setParameter("by", by == null ? null : by.toString())
                .setParameter("now", offset(now)).executeUpdate())
                .replaceWith(id);
    }

    /** Replaces the draft's content and rules; its row version goes up. */
    public Uni<Void> write(UUID id, Content content, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE assessment_rule_book SET title = :title, base_score = :base, bonus_cap = :bonus,
                    deduction_cap = :deduction, objection_days = :days, row_version = row_version + 1, updated_at = :now
                WHERE id = :id AND status = 'DRAFT'""")
                .setParameter("title", content.title()).setParameter("base", content.baseScore())
                .setParameter("bonus", content.bonusCap()).setParameter("deduction", content.deductionCap())
                .setParameter("days", content.objectionDays()).setParameter("now", offset(now)).setParameter("id", id)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("DELETE FROM assessment_rule WHERE rule_book_id = :id")
                        .setParameter("id", id).executeUpdate())
                .chain(() -> session.createNativeQuery("""
                        INSERT INTO assessment_rule (rule_book_id, code, description, event_type, condition, points, applies_to,
                            cooperating_share, cap_per_unit, list_order)
                        SELECT :id, x.rule->>'code', x.rule->>'description', x.rule->>'eventType',
                               coalesce(x.rule->'condition', '{}'), cast(x.rule->>'points' AS numeric), x.rule->>'appliesTo',
                               coalesce(cast(x.rule->>'cooperatingShare' AS numeric), 0.5),
                               cast(x.rule->>'capPerUnit' AS numeric), cast(x.ord AS int)
                        FROM jsonb_array_elements(cast(cast(:rules AS text) AS jsonb)) WITH ORDINALITY AS x(rule, ord)""")
                        .setParameter("id", id).setParameter("rules", content.rulesJson()).executeUpdate()))
                .replaceWithVoid();
    }

    /** Supersedes the year's ACTIVE version and activates the draft. */
    public Uni<Void> activate(int year, UUID draftId, UUID by, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE assessment_rule_book SET status = 'SUPERSEDED', updated_at = :now
                WHERE year = :year AND status = 'ACTIVE'""")
                .setParameter("year", year).setParameter("now", offset(now)).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        UPDATE assessment_rule_book SET status = 'ACTIVE', activated_by = cast(:by AS uuid), activated_at = :now,
                            row_version = row_version + 1, updated_at = :now
                        WHERE id = :id AND status = 'DRAFT'""")
                        .setParameter("by", by == null ? null : by.toString()).setParameter("now", offset(now))
                        .setParameter("id", draftId).executeUpdate()))
                .replaceWithVoid();
    }
}
