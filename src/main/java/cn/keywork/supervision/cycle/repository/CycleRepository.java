package cn.keywork.supervision.cycle.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.cycle.domain.CycleRun;
import cn.keywork.supervision.cycle.domain.CycleRunStatus;
import cn.keywork.supervision.cycle.domain.CycleStepRow;
import cn.keywork.supervision.cycle.domain.CycleTrigger;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Runs and steps of the cycles (V21), plain SQL. The claim is one {@code INSERT … ON CONFLICT DO
 * UPDATE … WHERE … RETURNING}: PostgreSQL lets exactly one of several concurrent claims of a
 * period return the row.
 */
@ApplicationScoped
@WithSession
public class CycleRepository {

    private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {
    };

    private static final String RUN_COLUMNS = "r.type, r.period, r.status, r.trigger, r.started_by, r.started_at, "
            + "r.finished_at, r.owner, r.lease_until, r.attempts, r.error";

    private final ObjectMapper json;

    CycleRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Claims the period's run for {@code owner}: creates it RUNNING, or takes over a run that has
     * not succeeded whose lease expired, or that this owner left WAITING or FAILED. Returns the run
     * when claimed, null when another instance holds it or it succeeded already.
     */
    public Uni<CycleRun> claim(CycleType type, String period, CycleTrigger trigger, UUID startedBy, String owner,
            Instant now, Instant leaseUntil) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO cycle_run AS r (type, period, status, trigger, started_by, started_at, owner, lease_until,
                                            heartbeat_at, attempts)
                VALUES (:type, :period, 'RUNNING', :trigger, cast(:by AS uuid), :now, :owner, :lease, :now, 1)
                ON CONFLICT (type, period) DO UPDATE
                   SET status = 'RUNNING', owner = excluded.owner, lease_until = excluded.lease_until,
                       heartbeat_at = excluded.heartbeat_at, attempts = r.attempts + 1, error = NULL
                 WHERE r.status <> 'SUCCEEDED'
                   AND (r.lease_until < excluded.heartbeat_at OR (r.owner = excluded.owner AND r.status <> 'RUNNING'))
                RETURNING""" + " " + RUN_COLUMNS, Object[].class)
                .setParameter("type", type.name()).setParameter("period", period).setParameter("trigger", trigger.name())
                .setParameter("by", startedBy == null ? null : startedBy.toString()).setParameter("now", offset(now))
                .setParameter("owner", owner).setParameter("lease", offset(leaseUntil))
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : run(rows.get(0), false));
    }

    /** Writes the run's steps not written yet (PENDING, with the time before which each may not run). */
    public Uni<Void> plan(CycleType type, String period, int number, String name, Instant notBefore) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO cycle_step (type, period, number, name, status, not_before)
                VALUES (:type, :period, :number, :name, 'PENDING', :notBefore)
                ON CONFLICT (type, period, number) DO NOTHING""")
                .setParameter("type", type.name()).setParameter("period", period).setParameter("number", number)
                .setParameter("name", name).setParameter("notBefore", offset(notBefore))
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Renews the owner's lease (the heartbeat) and locks the run until the transaction ends; false
     * when the run is no longer this owner's (its lease expired and another instance took it).
     */
    public Uni<Boolean> holdLease(CycleType type, String period, String owner, Instant now, Instant leaseUntil) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE cycle_run SET lease_until = :lease, heartbeat_at = :now
                 WHERE type = :type AND period = :period AND owner = :owner AND status = 'RUNNING' AND lease_until >= :now""")
                .setParameter("type", type.name()).setParameter("period", period).setParameter("owner", owner)
                .setParameter("now", offset(now)).setParameter("lease", offset(leaseUntil))
                .executeUpdate()).map(rows -> rows == 1);
    }

    /** Whether the step is DONE or SKIPPED already (read under the run's lock, see {@link #holdLease}). */
    public Uni<Boolean> stepFinished(CycleType type, String period, int number) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM cycle_step WHERE type = :type AND period = :period AND number = :number"
                        + " AND status IN ('DONE', 'SKIPPED')", Long.class)
                .setParameter("type", type.name()).setParameter("period", period).setParameter("number", number)
                .getSingleResult()).map(count -> count > 0);
    }

    /** Records a step's end: DONE or SKIPPED (never run again) or FAILED, with counts and the note or error. */
    public Uni<Void> finishStep(CycleType type, String period, int number, StepStatus status, Instant startedAt,
            Instant finishedAt, Map<String, Long> counts, String note) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE cycle_step SET status = :status, started_at = :started, finished_at = :finished,
                       duration_ms = :duration, counts = cast(cast(:counts AS text) AS jsonb), error = cast(:note AS varchar)
                 WHERE type = :type AND period = :period AND number = :number""")
                .setParameter("type", type.name()).setParameter("period", period).setParameter("number", number)
                .setParameter("status", status.name()).setParameter("started", offset(startedAt))
                .setParameter("finished", offset(finishedAt))
                .setParameter("duration", finishedAt.toEpochMilli() - startedAt.toEpochMilli())
                .setParameter("counts", text(counts)).setParameter("note", clip(note))
                .executeUpdate()).replaceWithVoid();
    }

    /** Ends the owner's hold on the run with its new status; its lease is released. */
    public Uni<Boolean> release(CycleType type, String period, String owner, CycleRunStatus status, Instant now,
            String error) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE cycle_run SET status = :status, lease_until = :now, heartbeat_at = :now,
                       finished_at = CASE WHEN :status = 'SUCCEEDED' THEN :now ELSE finished_at END,
                       error = cast(:error AS varchar)
                 WHERE type = :type AND period = :period AND owner = :owner AND status = 'RUNNING'""")
                .setParameter("type", type.name()).setParameter("period", period).setParameter("owner", owner)
                .setParameter("status", status.name()).setParameter("now", offset(now)).setParameter("error", clip(error))
                .executeUpdate()).map(rows -> rows == 1);
    }

    /** The period's run with its steps; null when never run. */
    public Uni<CycleRun> find(CycleType type, String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + RUN_COLUMNS
                + " FROM cycle_run r WHERE r.type = :type AND r.period = :period", Object[].class)
                .setParameter("type", type.name()).setParameter("period", period).getResultList())
                .chain(rows -> rows.isEmpty() ? Uni.createFrom().nullItem()
                        : steps(type, period).map(steps -> run(rows.get(0), false).withSteps(steps)));
    }

    public Uni<List<CycleStepRow>> steps(CycleType type, String period) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT number, name, status, not_before, started_at, finished_at, duration_ms, cast(counts AS text), error
                  FROM cycle_step WHERE type = :type AND period = :period ORDER BY number""", Object[].class)
                .setParameter("type", type.name()).setParameter("period", period).getResultList())
                .map(rows -> rows.stream().map(this::step).toList());
    }

    /** Runs to resume now: crashed (RUNNING, lease expired) or WAITING with their next step due. */
    public Uni<List<CycleRun>> resumable(Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + RUN_COLUMNS
                + " FROM cycle_run r WHERE r.status IN ('RUNNING', 'WAITING') AND r.lease_until < :now"
                + " AND NOT EXISTS (SELECT 1 FROM cycle_step s WHERE s.type = r.type AND s.period = r.period"
                + " AND s.status NOT IN ('DONE', 'SKIPPED') AND s.not_before > :now"
                + " AND s.number = (SELECT min(n.number) FROM cycle_step n WHERE n.type = r.type AND n.period = r.period"
                + " AND n.status NOT IN ('DONE', 'SKIPPED'))) ORDER BY r.seq", Object[].class)
                .setParameter("now", offset(now)).getResultList())
                .map(rows -> rows.stream().map(row -> run(row, false)).toList());
    }

    /** When the cycles began on this database (periods fired before are not caught up). */
    public Uni<Instant> since() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT since FROM cycle_calendar", java.time.OffsetDateTime.class).getSingleResult())
                .map(java.time.OffsetDateTime::toInstant);
    }

    /** The periods of a type that have a run, whatever its status. */
    public Uni<List<String>> periods(CycleType type, List<String> among) {
        if (among.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT period FROM cycle_run WHERE type = :type AND period IN (:among)", String.class)
                .setParameter("type", type.name()).setParameter("among", among).getResultList());
    }

    /** A page of runs, newest first, without their steps. */
    public Uni<List<CycleRun>> page(CycleType type, CycleRunStatus status, int size, int offset) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + RUN_COLUMNS
                + " FROM cycle_run r WHERE (cast(:type AS varchar) IS NULL OR r.type = :type)"
                + " AND (cast(:status AS varchar) IS NULL OR r.status = :status) ORDER BY r.seq DESC LIMIT :size OFFSET :offset",
                Object[].class)
                .setParameter("type", type == null ? null : type.name())
                .setParameter("status", status == null ? null : status.name())
                .setParameter("size", size).setParameter("offset", offset).getResultList())
                .map(rows -> rows.stream().map(row -> run(row, false)).toList());
    }

    public Uni<Long> count(CycleType type, CycleRunStatus status) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT count(*) FROM cycle_run r"
                + " WHERE (cast(:type AS varchar) IS NULL OR r.type = :type)"
                + " AND (cast(:status AS varchar) IS NULL OR r.status = :status)", Long.class)
                .setParameter("type", type == null ? null : type.name())
                .setParameter("status", status == null ? null : status.name()).getSingleResult());
    }

    private CycleRun run(Object[] row, boolean dryRun) {
        return new CycleRun(CycleType.valueOf((String) row[0]), (String) row[1], CycleRunStatus.valueOf((String) row[2]),
                CycleTrigger.valueOf((String) row[3]), (UUID) row[4], instant(row[5]), instant(row[6]), (String) row[7],
                instant(row[8]), ((Number) row[9]).intValue(), (String) row[10], dryRun, List.of());
    }

    private CycleStepRow step(Object[] row) {
        return new CycleStepRow(((Number) row[0]).intValue(), (String) row[1], StepStatus.valueOf((String) row[2]),
                instant(row[3]), instant(row[4]), instant(row[5]), row[6] == null ? null : ((Number) row[6]).longValue(),
                counts((String) row[7]), (String) row[8]);
    }

    private Map<String, Long> counts(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, COUNTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cycle step's counts could not be read", e);
        }
    }

    private String text(Map<String, Long> counts) {
        try {
            return json.writeValueAsString(counts == null ? Map.of() : counts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A cycle step's counts could not be written", e);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
    }

}
