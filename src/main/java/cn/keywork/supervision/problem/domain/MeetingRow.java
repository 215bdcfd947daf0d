package cn.keywork.supervision.problem.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A joint meeting's row as stored. */
public record MeetingRow(UUID id, UUID taskId, LocalDate heldOn, boolean convenedByOffice, UUID convenedByUnitId,
        List<UUID> participantUnitIds, String minutes, long version, Instant createdAt, Instant updatedAt) {

    public MeetingRow {
        participantUnitIds = List.copyOf(participantUnitIds);
    }
}
