package cn.keywork.supervision.slip.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.slip.domain.SlipAction;
import cn.keywork.supervision.slip.domain.SlipFilter;
import cn.keywork.supervision.slip.domain.SlipInbox;
import cn.keywork.supervision.slip.domain.SlipOutcome;
import cn.keywork.supervision.slip.domain.RuleFacts;
import cn.keywork.supervision.slip.domain.SlipRow;
import cn.keywork.supervision.slip.domain.SlipRule;
import cn.keywork.supervision.slip.domain.SlipScope;
import cn.keywork.supervision.slip.domain.SlipStatus;
import cn.keywork.supervision.slip.domain.SlipType;
import cn.keywork.supervision.slip.domain.SlipView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The slips' rows, read and written in plain SQL. Every read is scoped in the query itself to
 * what the caller may see ({@link SlipScope}); whether a slip is overdue is computed in the same
 * query from the time given.
 */
@ApplicationScoped
@WithSession
public class SlipRepository {

    /** The task a slip is about, as drafting and deciding need it. */
    public record SlipTask(UUID id, int year, String code, UUID leadUnitId, UUID leaderInChargeId) {
    }

    /** When a slip counts as overdue: the time now, the city's date today and the hours to acknowledge. */
    public record Clockwork(Instant now, LocalDate today, int acknowledgeHours) {
    }

    private static final String COLUMNS = """
            SELECT s.id, s.type, s.year, s.number, s.status, s.task_id, s.sub_item_id, s.requirements,
                   s.response_deadline, s.outcome, s.override_reason, ou.username, s.evidence::text,
                   s.response_accepted, s.issued_at, s.version, s.created_at, s.updated_at,
                   (%s) AS overdue,
                   coalesce((SELECT string_agg(t.unit_id::text, ',' ORDER BY t.list_order)
                             FROM slip_target_unit t WHERE t.slip_id = s.id), ''),
                   coalesce((SELECT string_agg(c.unit_id::text, ',' ORDER BY c.list_order)
                             FROM slip_copy_unit c WHERE c.slip_id = s.id), ''),
                   s.rule, s.basis_slip_id, s.superseded_by, trim(s.proposal_period)
            FROM slip s LEFT JOIN app_user ou ON ou.id = s.override_by
            WHERE true""";

    private static final String OVERDUE = """
            (s.status = 'ISSUED' AND s.issued_at + make_interval(hours => :ackHours) < :now)
            OR (s.status IN ('ISSUED', 'ACKNOWLEDGED', 'RESPONDED') AND NOT s.response_accepted
                AND s.response_deadline < :today)""";

    private static final String SELECT = String.format(COLUMNS, OVERDUE);

    private static String scope(SlipScope scope) {
        return switch (scope.kind()) {
            case ALL -> "";
            case UNIT -> " AND s.issued_at IS NOT NULL AND (EXISTS (SELECT 1 FROM slip_target_unit x"
                    + " WHERE x.slip_id = s.id AND x.unit_id = :scope) OR EXISTS (SELECT 1 FROM slip_copy_unit y"
                    + " WHERE y.slip_id = s.id AND y.unit_id = :scope))";
            case COPIES -> " AND s.issued_at IS NOT NULL AND s.type = 'SUPERVISION'";
            case NONE -> " AND false";
        };
    }

    private static void bind(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, SlipScope scope,
            Clockwork clock, boolean overdue) {
        if (scope.kind() == SlipScope.Kind.UNIT) {
            query.setParameter("scope", scope.unitId());
        }
        if (overdue) {
            query.setParameter("ackHours", clock.acknowledgeHours());
            query.setParameter("now", offset(clock.now()));
            query.setParameter("today", clock.today());
        }
    }

    /** The slip if the scope lets the caller see it; null otherwise. Locked until the transaction ends when asked. */
    public Uni<SlipRow> slip(UUID id, SlipScope scope, Clockwork clock, boolean lock) {
        String sql = SELECT + " AND s.id = :id" + scope(scope) + (lock ? " FOR UPDATE OF s" : "");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("id", id);
            bind(query, scope, clock, true);
            return query.getResultList();
        }).map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    private static String where(SlipFilter filter) {
        StringBuilder where = new StringBuilder();
        if (filter.type() != null) {
            where.append(" AND s.type = :type");
        }
        if (filter.status() != null) {
            where.append(" AND s.status = :status");
        }
        if (filter.year() != null) {
            where.append(" AND s.year = :year");
        }
        if (filter.taskId() != null) {
            where.append(" AND s.task_id = :task");
        }
        if (filter.unitId() != null) {
            where.append(" AND (EXISTS (SELECT 1 FROM slip_target_unit xu WHERE xu.slip_id = s.id AND xu.unit_id = :unit)"
                    + " OR EXISTS (SELECT 1 FROM slip_copy_unit yu WHERE yu.slip_id = s.id AND yu.unit_id = :unit))");
        }
        if (filter.overdue() != null) {
            where.append(filter.overdue() ? " AND (" + OVERDUE + ")" : " AND NOT (" + OVERDUE + ")");
        }
        return where.toString();
    }

    private static void bind(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, SlipFilter filter) {
        if (filter.type() != null) {
            query.setParameter("type", filter.type().name());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().name());
        }
        if (filter.year() != null) {
            query.setParameter("year", filter.year());
        }
        if (filter.taskId() != null) {
            query.setParameter("task", filter.taskId());
        }
        if (filter.unitId() != null) {
            query.setParameter("unit", filter.unitId());
        }
    }

    /** One page of the slips the caller sees, newest first. */
    public Uni<List<SlipRow>> list(SlipFilter filter, SlipScope scope, Clockwork clock, int limit, int offset) {
        String sql = SELECT + scope(scope) + where(filter) + " ORDER BY s.created_at DESC, s.id LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("limit", limit)
                    .setParameter("offset", offset);
            bind(query, scope, clock, true);
            bind(query, filter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(SlipRepository::row).toList());
    }

    public Uni<Long> count(SlipFilter filter, SlipScope scope, Clockwork clock) {
        String sql = "SELECT count(*) FROM slip s WHERE true" + scope(scope) + where(filter);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            bind(query, scope, clock, filter.overdue() != null);
            bind(query, filter);
            return query.getSingleResult();
        });
    }

    private static SlipRow row(Object[] row) {
        return new SlipRow((UUID) row[0], SlipType.valueOf((String) row[1]), ((Number) row[2]).intValue(),
                (String) row[3], SlipStatus.valueOf((String) row[4]), (UUID) row[5], (UUID) row[6], (String) row[7],
                (LocalDate) row[8], row[9] == null ? null : SlipOutcome.valueOf((String) row[9]), (String) row[10],
                (String) row[11], (String) row[12], (Boolean) row[13], instant(row[14]), ((Number) row[15]).longValue(),
                instant(row[16]), instant(row[17]), (Boolean) row[18], uuids((String) row[19]), uuids((String) row[20]),
                row[21] == null ? null : SlipRule.valueOf((String) row[21]), (UUID) row[22], (UUID) row[23],
                (String) row[24]);
    }

    // --- Inbox ------------------------------------------------------------------------------------------

    /**
     * The slips awaiting the inbox's owner, scoped in the query: addressed (not copied) to its unit
     * and ISSUED or ACKNOWLEDGED; or supervision orders PENDING_APPROVAL whose task has the leader
     * in charge, or every one when the leader was given the right to approve (slip_approver).
     */
    private static String inboxWhere(SlipInbox inbox) {
        List<String> parts = new ArrayList<>();
        if (inbox.unitId() != null) {
            parts.add("(s.status IN ('ISSUED', 'ACKNOWLEDGED') AND EXISTS (SELECT 1 FROM slip_target_unit ti"
                    + " WHERE ti.slip_id = s.id AND ti.unit_id = :inboxUnit))");
        }
        if (inbox.leaderId() != null) {
            parts.add("(s.type = 'SUPERVISION' AND s.status = 'PENDING_APPROVAL' AND (EXISTS (SELECT 1 FROM slip_approver ap"
                    + " WHERE ap.user_id = :inboxLeader) OR EXISTS (SELECT 1 FROM key_task kt WHERE kt.id = s.task_id"
                    + " AND kt.leader_in_charge_id = :inboxLeader)))");
        }
        return parts.isEmpty() ? " AND false" : " AND (" + String.join(" OR ", parts) + ")";
    }

    private static void bind(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, SlipInbox inbox) {
        if (inbox.unitId() != null) {
            query.setParameter("inboxUnit", inbox.unitId());
        }
        if (inbox.leaderId() != null) {
            query.setParameter("inboxLeader", inbox.leaderId());
        }
    }

    /** One page of the inbox: overdue first, then by response deadline, then newest. */
    public Uni<List<SlipRow>> inbox(SlipInbox inbox, Clockwork clock, int limit, int offset) {
        String sql = SELECT + inboxWhere(inbox)
                + " ORDER BY overdue DESC, s.response_deadline, s.created_at DESC, s.id LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("limit", limit)
                    .setParameter("offset", offset);
            query.setParameter("ackHours", clock.acknowledgeHours()).setParameter("now", offset(clock.now()))
                    .setParameter("today", clock.today());
            bind(query, inbox);
            return query.getResultList();
        }).map(rows -> rows.stream().map(SlipRepository::row).toList());
    }

    public Uni<Long> inboxCount(SlipInbox inbox) {
        String sql = "SELECT count(*) FROM slip s WHERE true" + inboxWhere(inbox);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            bind(query, inbox);
            return query.getSingleResult();
        });
    }

    /** Whether the user was given the right to approve any supervision order (R9). */
    public Uni<Boolean> approvesAny(UUID userId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM slip_approver WHERE user_id = :user", Long.class)
                .setParameter("user", userId).getSingleResult())
                .map(count -> count > 0);
    }

    /** The task of a slip; null when there is none. */
    public Uni<SlipTask> task(UUID taskId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT t.id, t.year, t.code, t.lead_unit_id, t.leader_in_charge_id FROM key_task t WHERE t.id = :id",
                Object[].class).setParameter("id", taskId).getResultList())
                .map(rows -> rows.isEmpty() ? null : new SlipTask((UUID) rows.get(0)[0],
                        ((Number) rows.get(0)[1]).intValue(), (String) rows.get(0)[2], (UUID) rows.get(0)[3],
                        (UUID) rows.get(0)[4]));
    }

    /** Whether the sub-item belongs to the task. */
    public Uni<Boolean> subItemOf(UUID taskId, UUID subItemId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM task_sub_item WHERE id = :id AND task_id = :task", Long.class)
                .setParameter("id", subItemId).setParameter("task", taskId).getSingleResult())
                .map(count -> count > 0);
    }

    /** Those of the given units that exist. */
    public Uni<List<UUID>> existingUnits(List<UUID> unitIds) {
        if (unitIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM org_unit WHERE id::text = ANY(cast(:ids AS text[]))", UUID.class)
                .setParameter("ids", array(unitIds)).getResultList());
    }

    // --- Rules ------------------------------------------------------------------------------------------

    /** The latest month whose ledger is closed, or null. */
    public Uni<String> latestClosedMonth() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT trim(max(period)) FROM ledger", String.class).getSingleResult());
    }

    /**
     * The facts the rules judge on for a task in {@code period} (may be null): its document
     * number, its figure and the sub-item's, and among its issued urging slips (not withdrawn,
     * escalated or closed as resolved) the one that best supports a supervision order — past its
     * deadline, issued on an earlier month and not followed by a better lag first, then the latest. Null when the task does not exist.
     */
    public Uni<RuleFacts> facts(UUID taskId, UUID subItemId, String period, LocalDate today,
            java.util.function.Function<String, BigDecimal[]> thresholds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT k.document_number, k.category, f.lag, f.light, sf.lag,
                       u.id, u.number, u.response_deadline, trim(u.period_at_issue), u.lag_at_issue, u.light_at_issue
                FROM key_task k
                LEFT JOIN progress_figure f ON f.task_id = k.id AND f.period = cast(:period AS varchar)
                LEFT JOIN progress_sub_item_figure sf ON sf.task_id = k.id AND sf.sub_item_id = cast(:subItem AS uuid)
                     AND sf.period = cast(:period AS varchar)
                LEFT JOIN LATERAL (
                    SELECT x.id, x.number, x.response_deadline, x.period_at_issue, x.lag_at_issue, x.light_at_issue
                    FROM slip x
                    WHERE x.task_id = k.id AND x.type = 'URGING' AND x.issued_at IS NOT NULL
                      AND x.status NOT IN ('WITHDRAWN', 'ESCALATED') AND x.outcome IS DISTINCT FROM 'RESOLVED'
                    ORDER BY (x.response_deadline < :today
                              AND (x.period_at_issue IS NULL OR x.period_at_issue < cast(:period AS varchar))
                              AND CASE WHEN x.lag_at_issue IS NULL THEN f.light IN ('YELLOW', 'RED', 'NOT_REPORTED')
                                       ELSE f.lag >= x.lag_at_issue END) IS TRUE DESC,
                             x.issued_at DESC
                    LIMIT 1) u ON true
                WHERE k.id = :task""", Object[].class)
                .setParameter("task", taskId).setParameter("subItem", subItemId).setParameter("period", period)
                .setParameter("today", today).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Object[] r = rows.get(0);
                    BigDecimal[] levels = thresholds.apply((String) r[1]);
                    RuleFacts.Urging urging = r[5] == null ? null
                            : new RuleFacts.Urging((UUID) r[5], (String) r[6], (LocalDate) r[7], (String) r[8],
                                    decimal(r[9]), (String) r[10]);
                    return new RuleFacts((String) r[0], period, (String) r[3], decimal(r[2]), decimal(r[4]), levels[0],
                            levels[1], urging);
                });
    }

    /** The task's latest issued supervision order that is not withdrawn, or null. */
    public Uni<UUID> latestIssuedOrder(UUID taskId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT s.id FROM slip s WHERE s.task_id = :task AND s.type = 'SUPERVISION' AND s.issued_at IS NOT NULL
                  AND s.status <> 'WITHDRAWN' ORDER BY s.issued_at DESC LIMIT 1""", UUID.class)
                .setParameter("task", taskId).getResultList())
                .map(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    // --- Writes -----------------------------------------------------------------------------------------

    /** The evidence snapshot's parameters: when it is taken and how many months it shows. */
    public record Snapshot(String takenAt, int months) {
    }

    public Uni<Void> insert(UUID id, SlipType type, int year, UUID taskId, UUID subItemId, String requirements,
            LocalDate deadline, String overrideReason, UUID overrideBy, SlipRule rule, UUID basisSlipId, Snapshot snapshot,
            UUID draftedBy, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO slip (id, type, year, task_id, sub_item_id, requirements, response_deadline, status,
                                  override_reason, override_by, rule, basis_slip_id, evidence, drafted_by, version,
                                  created_at, updated_at)
                VALUES (:id, :type, :year, :task, cast(:subItem AS uuid), :requirements, :deadline, 'DRAFT',
                        cast(:reason AS varchar), cast(:overrideBy AS uuid), :rule, cast(:basis AS uuid), """
                + SlipSql.evidence(":task") + """
                , cast(:draftedBy AS uuid), 1, :now, :now)""")
                .setParameter("id", id).setParameter("type", type.name()).setParameter("year", year)
                .setParameter("task", taskId).setParameter("subItem", subItemId)
                .setParameter("requirements", requirements).setParameter("deadline", deadline)
                .setParameter("reason", overrideReason).setParameter("overrideBy", overrideBy)
                .setParameter("rule", rule.name()).setParameter("basis", basisSlipId)
                .setParameter("takenAt", snapshot.takenAt()).setParameter("evidenceMonths", snapshot.months())
                .setParameter("except", id).setParameter("draftedBy", draftedBy)
                .setParameter("now", offset(now)).executeUpdate()).replaceWithVoid();
    }

    /** Replaces a draft's content and takes the evidence again, its version one up. */
    public Uni<Void> updateDraft(UUID id, SlipType type, UUID taskId, UUID subItemId, String requirements,
            LocalDate deadline, String overrideReason, UUID overrideBy, SlipRule rule, UUID basisSlipId,
            Snapshot snapshot, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE slip SET type = :type, task_id = :task, sub_item_id = cast(:subItem AS uuid),
                       requirements = :requirements, response_deadline = :deadline,
                       override_reason = cast(:reason AS varchar), override_by = cast(:overrideBy AS uuid),
                       rule = :rule, basis_slip_id = cast(:basis AS uuid),
                       evidence = """ + SlipSql.evidence(":task") + """
                       , version = version + 1, updated_at = :now
                WHERE id = :id""")
                .setParameter("id", id).setParameter("type", type.name()).setParameter("task", taskId)
                .setParameter("subItem", subItemId).setParameter("requirements", requirements)
                .setParameter("deadline", deadline).setParameter("reason", overrideReason)
                .setParameter("overrideBy", overrideBy).setParameter("rule", rule.name())
                .setParameter("basis", basisSlipId).setParameter("takenAt", snapshot.takenAt())
                .setParameter("evidenceMonths", snapshot.months()).setParameter("except", id)
                .setParameter("now", offset(now)).executeUpdate()).replaceWithVoid();
    }

    /** Replaces the slip's addressees and copies (the automatic copies are marked). */
    public Uni<Void> replaceUnits(UUID id, List<UUID> targets, List<UUID> copies) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM slip_target_unit WHERE slip_id = :id").setParameter("id", id)
                .executeUpdate()
                .chain(() -> session.createNativeQuery("DELETE FROM slip_copy_unit WHERE slip_id = :id")
                        .setParameter("id", id).executeUpdate())
                .chain(() -> targets.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery("""
                        INSERT INTO slip_target_unit (slip_id, unit_id, list_order)
                        SELECT :id, cast(u.unit_id AS uuid), u.ord
                        FROM unnest(cast(:units AS text[])) WITH ORDINALITY AS u(unit_id, ord)""")
                        .setParameter("id", id).setParameter("units", array(targets)).executeUpdate())
                .chain(() -> copies.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery("""
                        INSERT INTO slip_copy_unit (slip_id, unit_id, list_order)
                        SELECT :id, cast(u.unit_id AS uuid), u.ord
                        FROM unnest(cast(:units AS text[])) WITH ORDINALITY AS u(unit_id, ord)""")
                        .setParameter("id", id).setParameter("units", array(copies)).executeUpdate()))
                .replaceWithVoid();
    }

    /**
     * Takes the next number of a type and year. The counter row stays locked until the issuing
     * transaction ends: concurrent issues queue, and a rollback gives the number back (gapless).
     */
    public Uni<Integer> nextNumber(SlipType type, int year) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO slip_number_counter (type, year, last_number) VALUES (:type, :year, 1)
                ON CONFLICT (type, year) DO UPDATE SET last_number = slip_number_counter.last_number + 1
                RETURNING last_number""", Integer.class)
                .setParameter("type", type.name()).setParameter("year", year).getSingleResult());
    }

    /** Moves the slip to {@code status}, its version one up, stamping what the move sets. */
    public Uni<Void> move(UUID id, SlipStatus status, Map<String, Object> stamps, Instant now) {
        StringBuilder sql = new StringBuilder("UPDATE slip SET status = :status, version = version + 1, updated_at = :now");
        List<String> names = new ArrayList<>(stamps.keySet());
        for (String column : names) {
            sql.append(", ").append(column).append(" = :").append(column);
        }
        sql.append(" WHERE id = :id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString()).setParameter("id", id)
                    .setParameter("status", status.name()).setParameter("now", offset(now));
            stamps.forEach((column, value) -> query.setParameter(column,
                    value instanceof Instant instant ? offset(instant) : value));
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    public Uni<Void> insertMove(UUID slipId, SlipAction action, SlipStatus from, SlipStatus to, String comment,
            SlipOutcome outcome, UUID actor, UUID actorUnit, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO slip_move (slip_id, number, action, from_status, to_status, comment, outcome, actor_id,
                                       actor_unit, moved_at)
                VALUES (:slip, (SELECT coalesce(max(number), 0) + 1 FROM slip_move WHERE slip_id = :slip), :action,
                        :from, :to, cast(:comment AS varchar), cast(:outcome AS varchar), cast(:actor AS uuid),
                        cast(:unit AS uuid), :at)""")
                .setParameter("slip", slipId).setParameter("action", action.name()).setParameter("from", from.name())
                .setParameter("to", to.name()).setParameter("comment", comment)
                .setParameter("outcome", outcome == null ? null : outcome.name()).setParameter("actor", actor)
                .setParameter("unit", actorUnit).setParameter("at", offset(at)).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> insertResponse(UUID slipId, UUID unitId, String text, UUID by, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO slip_response (slip_id, number, unit_id, text, responded_by, responded_at)
                VALUES (:slip, (SELECT coalesce(max(number), 0) + 1 FROM slip_response WHERE slip_id = :slip), :unit,
                        :text, cast(:by AS uuid), :at)""")
                .setParameter("slip", slipId).setParameter("unit", unitId).setParameter("text", text)
                .setParameter("by", by).setParameter("at", offset(at)).executeUpdate()).replaceWithVoid();
    }

    /** Records the office's decision on the latest response. */
    public Uni<Void> decideLatestResponse(UUID slipId, String decision, String note, UUID by, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE slip_response SET decision = :decision, decision_note = cast(:note AS varchar),
                       decided_by = cast(:by AS uuid), decided_at = :at
                WHERE slip_id = :slip AND number = (SELECT max(number) FROM slip_response WHERE slip_id = :slip)""")
                .setParameter("slip", slipId).setParameter("decision", decision).setParameter("note", note)
                .setParameter("by", by).setParameter("at", offset(at)).executeUpdate()).replaceWithVoid();
    }

    public Uni<List<SlipView.Response>> responses(UUID slipId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT r.number, r.unit_id, r.text, u.username, r.responded_at, r.decision, r.decision_note, r.decided_at
                FROM slip_response r LEFT JOIN app_user u ON u.id = r.responded_by
                WHERE r.slip_id = :slip ORDER BY r.number""", Object[].class)
                .setParameter("slip", slipId).getResultList())
                .map(rows -> rows.stream().map(r -> new SlipView.Response(((Number) r[0]).intValue(), (UUID) r[1],
                        (String) r[2], (String) r[3], instant(r[4]), (String) r[5], (String) r[6], instant(r[7])))
                        .toList());
    }

    public Uni<List<SlipView.Move>> moves(UUID slipId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT m.number, m.action, m.from_status, m.to_status, m.comment, m.outcome, u.username, m.moved_at
                FROM slip_move m LEFT JOIN app_user u ON u.id = m.actor_id
                WHERE m.slip_id = :slip ORDER BY m.number""", Object[].class)
                .setParameter("slip", slipId).getResultList())
                .map(rows -> rows.stream().map(r -> new SlipView.Move(((Number) r[0]).intValue(),
                        SlipAction.valueOf((String) r[1]), SlipStatus.valueOf((String) r[2]),
                        SlipStatus.valueOf((String) r[3]), (String) r[4],
                        r[5] == null ? null : SlipOutcome.valueOf((String) r[5]), (String) r[6], instant(r[7])))
                        .toList());
    }

    // --- Conversions ------------------------------------------------------------------------------------

    private static List<UUID> uuids(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.stream(joined.split(",")).map(UUID::fromString).toList();
    }

    private static String[] array(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
