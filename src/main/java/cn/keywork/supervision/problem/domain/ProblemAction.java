package cn.keywork.supervision.problem.domain;

/** A move of a problem: the office assigns, closes or reports to the leaders; an assigned unit answers. */
public enum ProblemAction {
    ASSIGN, ANSWER, CLOSE, REPORT_TO_LEADERS
}
