package cn.keywork.supervision.problem.domain;

import java.util.List;
import java.util.UUID;

/** What problems need of a task: its code, lead unit and the units taking part. */
public record ProblemTask(UUID id, String code, UUID leadUnitId, List<UUID> unitIds) {
}
