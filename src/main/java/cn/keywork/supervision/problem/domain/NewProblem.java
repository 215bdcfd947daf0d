package cn.keywork.supervision.problem.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A problem as raised through the API. */
public record NewProblem(UUID taskId, UUID subItemId, String description, List<UUID> assignedUnitIds,
        LocalDate deadline) {
}
