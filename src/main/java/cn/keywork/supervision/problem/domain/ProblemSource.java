package cn.keywork.supervision.problem.domain;

/** Where a problem was found: in supervision, in a report's coordination request, or by a joint meeting's decision. */
public enum ProblemSource {
    SUPERVISION, COORDINATION_REQUEST, JOINT_MEETING
}
