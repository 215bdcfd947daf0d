package cn.keywork.supervision.problem.domain;

/** Where a problem was found: in supervision, or in a report's coordination request. */
public enum ProblemSource {
    SUPERVISION, COORDINATION_REQUEST
}
