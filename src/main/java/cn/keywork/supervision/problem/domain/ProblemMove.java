package cn.keywork.supervision.problem.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A requested move with what it carries: units and deadline for ASSIGN, the answer (comment) for ANSWER. */
public record ProblemMove(ProblemAction action, String comment, List<UUID> assignedUnitIds, LocalDate deadline) {
}
