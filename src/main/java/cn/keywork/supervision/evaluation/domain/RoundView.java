package cn.keywork.supervision.evaluation.domain;

import java.util.List;
import java.util.UUID;

/** A round with its criteria and its subjects (task ids), each in order. */
public record RoundView(RoundRow row, List<Criterion> criteria, List<UUID> subjects) {
}
