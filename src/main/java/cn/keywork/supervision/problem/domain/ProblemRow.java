package cn.keywork.supervision.problem.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A problem's row as stored. */
public record ProblemRow(UUID id, UUID taskId, UUID subItemId, String description, boolean raisedByOffice,
        UUID raisedByUnitId, ProblemSource source, String sourcePeriod, Integer sourceIndex, List<UUID> assignedUnitIds,
        LocalDate deadline, ProblemStatus status, String statusComment, long version, Instant createdAt,
        Instant updatedAt) {

    public ProblemRow {
        assignedUnitIds = assignedUnitIds == null ? List.of() : List.copyOf(assignedUnitIds);
    }

    /** The same problem after a move, its version one up. */
    public ProblemRow moved(ProblemStatus next, List<UUID> units, LocalDate due, String comment, Instant now) {
        return new ProblemRow(id, taskId, subItemId, description, raisedByOffice, raisedByUnitId, source, sourcePeriod,
                sourceIndex, units, due, next, comment, version + 1, createdAt, now);
    }
}
