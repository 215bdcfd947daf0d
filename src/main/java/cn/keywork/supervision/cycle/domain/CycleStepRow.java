package cn.keywork.supervision.cycle.domain;

import java.time.Instant;
import java.util.Map;

/** One step of a run as stored (or, in a dry run, as planned). */
public record CycleStepRow(int number, String name, StepStatus status, Instant notBefore, Instant startedAt,
        Instant finishedAt, Long durationMs, Map<String, Long> counts, String error) {
}
