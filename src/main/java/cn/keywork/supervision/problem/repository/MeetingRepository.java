package cn.keywork.supervision.problem.repository;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.problem.domain.MeetingDecision;
import cn.keywork.supervision.problem.domain.MeetingRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Joint meetings and their decisions in plain SQL; the caller has checked that the task is visible. */
@ApplicationScoped
@WithSession
public class MeetingRepository {

    private static final String COLUMNS = """
            SELECT m.id, m.task_id, m.held_on, m.convened_by_office, m.convened_by_unit_id,
                   array_to_string(m.participant_unit_ids, ','), m.minutes, m.version, m.created_at, m.updated_at
            FROM joint_meeting m WHERE m.task_id = :task""";

    public Uni<List<MeetingRow>> list(UUID taskId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " ORDER BY m.held_on DESC, m.created_at DESC", Object[].class)
                .setParameter("task", taskId)
                .getResultList())
                .map(rows -> rows.stream().map(MeetingRepository::row).toList());
    }

    /** The meeting of the task; locked until the transaction ends when {@code lock}; null when none. */
    public Uni<MeetingRow> find(UUID taskId, UUID meetingId, boolean lock) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery(COLUMNS + " AND m.id = :id" + (lock ? " FOR UPDATE" : ""), Object[].class)
                .setParameter("task", taskId)
                .setParameter("id", meetingId)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    public Uni<Void> insert(MeetingRow row, UUID createdBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO joint_meeting (id, task_id, held_on, convened_by_office, convened_by_unit_id,
                                           participant_unit_ids, minutes, created_by, version, created_at, updated_at)
                VALUES (:id, :task, cast(cast(:heldOn AS text) AS date), :office, cast(:unit AS uuid),
                        cast(string_to_array(:units, ',') AS uuid[]), :minutes, cast(:by AS uuid), :version, :created,
                        :updated)""")
                .setParameter("id", row.id())
                .setParameter("task", row.taskId())
                .setParameter("heldOn", row.heldOn().toString())
                .setParameter("office", row.convenedByOffice())
                .setParameter("unit", row.convenedByUnitId() == null ? null : row.convenedByUnitId().toString())
                .setParameter("units", joined(row.participantUnitIds()))
                .setParameter("minutes", row.minutes())
                .setParameter("by", createdBy == null ? null : createdBy.toString())
                .setParameter("version", row.version())
                .setParameter("created", offset(row.createdAt()))
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> update(MeetingRow row) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE joint_meeting SET held_on = cast(cast(:heldOn AS text) AS date),
                       participant_unit_ids = cast(string_to_array(:units, ',') AS uuid[]), minutes = :minutes,
                       version = :version, updated_at = :updated
                WHERE id = :id""")
                .setParameter("id", row.id())
                .setParameter("heldOn", row.heldOn().toString())
                .setParameter("units", joined(row.participantUnitIds()))
                .setParameter("minutes", row.minutes())
                .setParameter("version", row.version())
                .setParameter("updated", offset(row.updatedAt()))
                .executeUpdate())
                .replaceWithVoid();
    }

    /** Replaces a meeting's decisions in two statements. */
    public Uni<Void> replaceDecisions(UUID meetingId, List<MeetingDecision> decisions) {
        String[] texts = decisions.stream().map(MeetingDecision::text).toArray(String[]::new);
        String[] flags = decisions.stream().map(d -> (d.openProblem() ? "1" : "0") + (d.requestAssignmentSlip() ? "1" : "0"))
                .toArray(String[]::new);
        String[] units = decisions.stream().map(d -> joined(d.assignedUnitIds())).toArray(String[]::new);
        String[] deadlines = decisions.stream().map(d -> d.deadline() == null ? "" : d.deadline().toString())
                .toArray(String[]::new);
        String[] problems = decisions.stream().map(d -> d.problemId() == null ? "" : d.problemId().toString())
                .toArray(String[]::new);
        return Panache.getSession().chain(session -> session
                .createNativeQuery("DELETE FROM joint_meeting_decision WHERE meeting_id = :meeting")
                .setParameter("meeting", meetingId)
                .executeUpdate()
                .chain(() -> decisions.isEmpty() ? Uni.createFrom().item(0) : session.createNativeQuery("""
                        INSERT INTO joint_meeting_decision (meeting_id, list_order, text, open_problem, assigned_unit_ids,
                                                            deadline, problem_id, request_assignment_slip)
                        SELECT :meeting, d.ord, d.text, substr(d.flags, 1, 1) = '1',
                               cast(string_to_array(d.units, ',') AS uuid[]), cast(nullif(d.deadline, '') AS date),
                               cast(nullif(d.problem, '') AS uuid), substr(d.flags, 2, 1) = '1'
                        FROM unnest(cast(:texts AS text[]), cast(:flags AS text[]), cast(:units AS text[]),
                                    cast(:deadlines AS text[]), cast(:problems AS text[])) WITH ORDINALITY
                             AS d(text, flags, units, deadline, problem, ord)""")
                        .setParameter("meeting", meetingId)
                        .setParameter("texts", texts)
                        .setParameter("flags", flags)
                        .setParameter("units", units)
                        .setParameter("deadlines", deadlines)
                        .setParameter("problems", problems)
                        .executeUpdate()))
                .replaceWithVoid();
    }

    /** The decisions of the given meetings in one query, by meeting, each in order. */
    public Uni<Map<UUID, List<MeetingDecision>>> decisions(List<UUID> meetingIds) {
        if (meetingIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                SELECT meeting_id, list_order, text, open_problem, array_to_string(assigned_unit_ids, ','), deadline,
                       problem_id, request_assignment_slip
                FROM joint_meeting_decision WHERE meeting_id = ANY (cast(string_to_array(:ids, ',') AS uuid[]))
                ORDER BY meeting_id, list_order""", Object[].class)
                .setParameter("ids", joined(meetingIds))
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<MeetingDecision>> byMeeting = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        byMeeting.computeIfAbsent((UUID) row[0], id -> new ArrayList<>()).add(new MeetingDecision(
                                ((Number) row[1]).intValue(), (String) row[2], (Boolean) row[3], uuids((String) row[4]),
                                (LocalDate) row[5], (UUID) row[6], (Boolean) row[7]));
                    }
                    return byMeeting;
                });
    }

    private static MeetingRow row(Object[] row) {
        return new MeetingRow((UUID) row[0], (UUID) row[1], (LocalDate) row[2], (Boolean) row[3], (UUID) row[4],
                uuids((String) row[5]), (String) row[6], ((Number) row[7]).longValue(), instant(row[8]), instant(row[9]));
    }

    private static String joined(List<UUID> ids) {
        return String.join(",", ids.stream().map(UUID::toString).toList());
    }

    private static List<UUID> uuids(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(String::trim).map(UUID::fromString).toList();
    }

    private static java.time.Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof OffsetDateTime offset ? offset.toInstant() : (java.time.Instant) value;
    }

    private static OffsetDateTime offset(java.time.Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
