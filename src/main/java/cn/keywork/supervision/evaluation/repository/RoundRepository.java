package cn.keywork.supervision.evaluation.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import cn.keywork.supervision.evaluation.domain.Criterion;
import cn.keywork.supervision.evaluation.domain.RoundRow;
import cn.keywork.supervision.evaluation.domain.RoundScope;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.domain.SubjectParties;
import cn.keywork.supervision.persistence.SqlValues;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Rounds, their criteria and subjects in plain SQL, with the caller's scope applied in the queries. */
@ApplicationScoped
@WithSession
public class RoundRepository {

    private static final String COLUMNS = """
            SELECT r.id, r.period, r.year, r.title, r.status, r.min_panel, r.quorum, r.trim_at, r.reporting_until,
                   r.inquiry_until, r.scoring_until, r.criteria_version, r.criteria_frozen_at, r.closed_at,
                   r.published_at, r.version, r.created_at, r.updated_at
            FROM evaluation_round r""";

    /** The rounds the scope sees: all, those of the evaluator's panels, those of the unit's tasks. */
    static final String ROUND_VISIBLE = """
             (cast(:evaluator AS uuid) IS NULL OR EXISTS (SELECT 1 FROM evaluation_panel_member vp
                  JOIN evaluator ve ON ve.id = vp.evaluator_id WHERE vp.round_id = r.id AND ve.user_id = cast(:evaluator AS uuid)))
             AND (cast(:unit AS uuid) IS NULL OR EXISTS (SELECT 1 FROM evaluation_subject vs JOIN key_task vt ON vt.id = vs.task_id
                  WHERE vs.round_id = r.id AND (vt.lead_unit_id = cast(:unit AS uuid) OR EXISTS (SELECT 1 FROM key_task_cooperation vk
                  WHERE vk.task_id = vt.id AND vk.unit_id = cast(:unit AS uuid)))))""";

    /** The subjects ({@code s}, an evaluation_subject row) the scope sees. */
    static final String SUBJECT_VISIBLE = """
             (cast(:evaluator AS uuid) IS NULL OR EXISTS (SELECT 1 FROM evaluation_panel_member vp
                  JOIN evaluator ve ON ve.id = vp.evaluator_id
                  WHERE vp.round_id = s.round_id AND vp.task_id = s.task_id AND ve.user_id = cast(:evaluator AS uuid)))
             AND (cast(:unit AS uuid) IS NULL OR EXISTS (SELECT 1 FROM key_task vt WHERE vt.id = s.task_id
                  AND (vt.lead_unit_id = cast(:unit AS uuid) OR EXISTS (SELECT 1 FROM key_task_cooperation vk
                  WHERE vk.task_id = vt.id AND vk.unit_id = cast(:unit AS uuid)))))""";

    static <T> Mutiny.SelectionQuery<T> scoped(Mutiny.SelectionQuery<T> query, RoundScope scope) {
        query.setParameter("evaluator", scope.evaluatorUser() == null ? null : scope.evaluatorUser().toString());
        query.setParameter("unit", scope.unit() == null ? null : scope.unit().toString());
        return query;
    }

    public Uni<List<RoundRow>> page(RoundStatus status, RoundScope scope, PageRequest page) {
        return Panache.getSession().chain(session -> {
            var query = scoped(session.createNativeQuery(COLUMNS + " WHERE (cast(:status AS text) IS NULL OR r.status = "
                    + "cast(:status AS text)) AND" + ROUND_VISIBLE + " ORDER BY r.period DESC LIMIT :limit OFFSET :offset",
                    Object[].class), scope);
            query.setParameter("status", status == null ? null : status.name());
            query.setParameter("limit", page.size());
            query.setParameter("offset", page.offset());
            return query.getResultList();
        }).map(rows -> rows.stream().map(RoundRepository::row).toList());
    }

    public Uni<Long> count(RoundStatus status, RoundScope scope) {
        return Panache.getSession().chain(session -> {
            var query = scoped(session.createNativeQuery("SELECT count(*) FROM evaluation_round r WHERE (cast(:status AS text)"
                    + " IS NULL OR r.status = cast(:status AS text)) AND" + ROUND_VISIBLE, Long.class), scope);
            query.setParameter("status", status == null ? null : status.name());
            return query.getSingleResult();
        });
    }

    /** The round if the scope sees it, locked until the transaction ends when {@code lock}; null otherwise. */
    public Uni<RoundRow> find(UUID id, RoundScope scope, boolean lock) {
        return Panache.getSession().chain(session -> scoped(session.createNativeQuery(COLUMNS + " WHERE r.id = :id AND"
                + ROUND_VISIBLE + (lock ? " FOR UPDATE OF r" : ""), Object[].class), scope)
                .setParameter("id", id)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /** The round of the quarter, locked until the transaction ends; null when none. */
    public Uni<RoundRow> ofPeriod(String period) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " WHERE r.period = :period FOR UPDATE OF r", Object[].class)
                .setParameter("period", period)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    /** The rounds in SCORING whose scoring deadline has passed. */
    public Uni<List<UUID>> scoringDue(Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id FROM evaluation_round WHERE status = 'SCORING' AND scoring_until <= :now ORDER BY period""",
                UUID.class)
                .setParameter("now", SqlValues.offset(now))
                .getResultList());
    }

    /** Inserts the round; answers false when the quarter has one already (nothing inserted). */
    public Uni<Boolean> insert(RoundRow row, UUID createdBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO evaluation_round (id, period, year, title, status, min_panel, quorum, trim_at, reporting_until,
                                              inquiry_until, scoring_until, created_by, version, created_at, updated_at)
                VALUES (:id, :period, :year, :title, :status, :minPanel, :quorum, :trimAt, :reporting, :inquiry, :scoring,
                        cast(:by AS uuid), :version, :created, :updated)
                ON CONFLICT (period) DO NOTHING""")
                .setParameter("id", row.id())
                .setParameter("period", row.period())
                .setParameter("year", row.year())
                .setParameter("title", row.title())
                .setParameter("status", row.status().name())
                .setParameter("minPanel", row.minPanel())
                .setParameter("quorum", row.quorum())
                .setParameter("trimAt", row.trimAt())
                .setParameter("reporting", SqlValues.offset(row.reportingUntil()))
                .setParameter("inquiry", SqlValues.offset(row.inquiryUntil()))
                .setParameter("scoring", SqlValues.offset(row.scoringUntil()))
                .setParameter("by", createdBy == null ? null : createdBy.toString())
                .setParameter("version", row.version())
                .setParameter("created", SqlValues.offset(row.createdAt()))
                .setParameter("updated", SqlValues.offset(row.updatedAt()))
                .executeUpdate())
                .map(inserted -> inserted > 0);
    }

    public Uni<Void> update(RoundRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE evaluation_round SET title = :title, status = :status, min_panel = :minPanel, quorum = :quorum,
                       trim_at = :trimAt, reporting_until = :reporting, inquiry_until = :inquiry, scoring_until = :scoring,
                       criteria_version = :criteriaVersion, criteria_frozen_at = :frozen, closed_at = :closed,
                       published_at = :published, version = :version, updated_at = :updated
                WHERE id = :id""")
                .setParameter("id", row.id())
                .setParameter("title", row.title())
                .setParameter("status", row.status().name())
                .setParameter("minPanel", row.minPanel())
                .setParameter("quorum", row.quorum())
                .setParameter("trimAt", row.trimAt())
                .setParameter("reporting", SqlValues.offset(row.reportingUntil()))
                .setParameter("inquiry", SqlValues.offset(row.inquiryUntil()))
                .setParameter("scoring", SqlValues.offset(row.scoringUntil()))
                .setParameter("criteriaVersion", row.criteriaVersion())
                .setParameter("frozen", SqlValues.offset(row.criteriaFrozenAt()))
                .setParameter("closed", SqlValues.offset(row.closedAt()))
                .setParameter("published", SqlValues.offset(row.publishedAt()))
                .setParameter("version", row.version())
                .setParameter("updated", SqlValues.offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The criteria of the given rounds in one query, by round, each in order. */
    public Uni<Map<UUID, List<Criterion>>> criteria(List<UUID> roundIds) {
        if (roundIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT round_id, code, name, weight FROM evaluation_criterion
                WHERE round_id = ANY (cast(string_to_array(:ids, ',') AS uuid[])) ORDER BY round_id, list_order""",
                Object[].class)
                .setParameter("ids", joined(roundIds))
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<Criterion>> byRound = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byRound.computeIfAbsent((UUID) row[0], id -> new ArrayList<>())
                                .add(new Criterion((String) row[1], (String) row[2], (BigDecimal) row[3]));
                    }
                    return byRound;
                });
    }

    /** The subjects (task ids) of the given rounds in one query, by round, each in order. */
    public Uni<Map<UUID, List<UUID>>> subjects(List<UUID> roundIds) {
        if (roundIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT round_id, task_id FROM evaluation_subject
                WHERE round_id = ANY (cast(string_to_array(:ids, ',') AS uuid[])) ORDER BY round_id, list_order""",
                Object[].class)
                .setParameter("ids", joined(roundIds))
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<UUID>> byRound = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byRound.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add((UUID) row[1]);
                    }
                    return byRound;
                });
    }

    public Uni<Void> replaceCriteria(UUID roundId, List<Criterion> criteria) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM evaluation_criterion WHERE round_id = :round")
                .setParameter("round", roundId)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        INSERT INTO evaluation_criterion (round_id, code, name, weight, list_order)
                        SELECT :round, c.code, c.name, c.weight, c.ord - 1
                        FROM unnest(cast(:codes AS text[]), cast(:names AS text[]), cast(cast(:weights AS text[]) AS numeric[]))
                             WITH ORDINALITY AS c(code, name, weight, ord)""")
                        .setParameter("round", roundId)
                        .setParameter("codes", criteria.stream().map(Criterion::code).toArray(String[]::new))
                        .setParameter("names", criteria.stream().map(Criterion::name).toArray(String[]::new))
                        .setParameter("weights", criteria.stream().map(c -> c.weight().toPlainString()).toArray(String[]::new))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** Replaces the subjects; panels (and reports) of subjects left out go with them. */
    public Uni<Void> replaceSubjects(UUID roundId, List<UUID> taskIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                DELETE FROM evaluation_subject WHERE round_id = :round
                   AND NOT (task_id = ANY (cast(string_to_array(:ids, ',') AS uuid[])))""")
                .setParameter("round", roundId)
                .setParameter("ids", joined(taskIds))
                .executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        INSERT INTO evaluation_subject (round_id, task_id, list_order)
                        SELECT :round, t.id, t.ord - 1
                        FROM unnest(cast(string_to_array(:ids, ',') AS uuid[])) WITH ORDINALITY AS t(id, ord)
                        ON CONFLICT (round_id, task_id) DO UPDATE SET list_order = excluded.list_order""")
                        .setParameter("round", roundId)
                        .setParameter("ids", joined(taskIds))
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The tasks of the year in a status active during the quarter, in register order. */
    public Uni<List<UUID>> tasksActiveIn(int year, List<String> statuses) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT id FROM key_task WHERE year = :year AND status = ANY (cast(string_to_array(:statuses, ',') AS text[]))
                ORDER BY code NULLS LAST, created_at, id""", UUID.class)
                .setParameter("year", year)
                .setParameter("statuses", String.join(",", statuses))
                .getResultList());
    }

    /** Those of the ids that are key tasks. */
    public Uni<List<UUID>> existingTasks(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM key_task WHERE id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))", UUID.class)
                .setParameter("ids", joined(ids))
                .getResultList());
    }

    /** The round's subjects the scope sees, with the units answering for each, in order. */
    public Uni<List<SubjectParties>> parties(UUID roundId, RoundScope scope) {
        return Panache.getSession().chain(session -> scoped(session.createNativeQuery("""
                SELECT s.task_id, t.code, t.category, t.lead_unit_id,
                       (SELECT string_agg(k.unit_id::text, ',' ORDER BY k.list_order) FROM key_task_cooperation k
                        WHERE k.task_id = s.task_id)
                FROM evaluation_subject s JOIN key_task t ON t.id = s.task_id
                WHERE s.round_id = :round AND""" + SUBJECT_VISIBLE + " ORDER BY s.list_order", Object[].class), scope)
                .setParameter("round", roundId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new SubjectParties((UUID) row[0], (String) row[1], (String) row[2],
                        (UUID) row[3], uuids((String) row[4]))).toList());
    }

    /** The codes (or ids) of the subjects with fewer than {@code minPanel} evaluators, in order. */
    public Uni<List<String>> shortPanels(UUID roundId, int minPanel) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT coalesce(t.code, t.id::text) FROM evaluation_subject s JOIN key_task t ON t.id = s.task_id
                LEFT JOIN evaluation_panel_member p ON p.round_id = s.round_id AND p.task_id = s.task_id
                WHERE s.round_id = :round
                GROUP BY s.list_order, t.code, t.id HAVING count(p.evaluator_id) < :min ORDER BY s.list_order""",
                String.class)
                .setParameter("round", roundId)
                .setParameter("min", minPanel)
                .getResultList());
    }

    static String joined(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    static List<UUID> uuids(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(joined.split(",")).map(String::trim).map(UUID::fromString).toList();
    }

    private static RoundRow row(Object[] row) {
        return new RoundRow((UUID) row[0], ((String) row[1]).trim(), ((Number) row[2]).intValue(), (String) row[3],
                RoundStatus.valueOf((String) row[4]), ((Number) row[5]).intValue(), (BigDecimal) row[6],
                ((Number) row[7]).intValue(), SqlValues.instant(row[8]), SqlValues.instant(row[9]),
                SqlValues.instant(row[10]), row[11] == null ? null : ((Number) row[11]).intValue(),
                SqlValues.instant(row[12]), SqlValues.instant(row[13]), SqlValues.instant(row[14]),
                ((Number) row[15]).longValue(), SqlValues.instant(row[16]), SqlValues.instant(row[17]));
    }

    /** Today as the city counts it, for the date columns. */
    static String day(LocalDate day) {
        return day.toString();
    }
}
