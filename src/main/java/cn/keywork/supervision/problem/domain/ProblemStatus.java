package cn.keywork.supervision.problem.domain;

/** Where a problem stands (R6, R10). */
public enum ProblemStatus {
    OPEN, ASSIGNED, ANSWERED, CLOSED, REPORTED_TO_LEADERS
}
