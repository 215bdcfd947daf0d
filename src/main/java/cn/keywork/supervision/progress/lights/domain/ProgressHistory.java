package cn.keywork.supervision.progress.lights.domain;

import java.util.List;
import java.util.UUID;

/** A task's figures month by month, from its first planned month to the current month or its deadline's. */
public record ProgressHistory(UUID taskId, String code, List<ProgressMonth> months) {
}
