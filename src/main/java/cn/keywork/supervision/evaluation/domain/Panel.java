package cn.keywork.supervision.evaluation.domain;

import java.util.List;
import java.util.UUID;

/** The evaluators scoring one subject. */
public record Panel(UUID taskId, List<UUID> evaluatorIds) {
}
