package cn.keywork.supervision.task.domain;

import java.time.Instant;

/** One version of a registered task: the task and its breakdown as they stood, as JSON. */
public record TaskVersionView(int number, Instant recordedAt, String recordedBy, String reason, String snapshotJson) {
}
