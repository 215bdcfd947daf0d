package cn.keywork.supervision.problem.domain;

import java.util.UUID;

/** The filters of the problem list; each may be null. */
public record ProblemFilter(UUID unitId, ProblemStatus status, UUID taskId) {
}
