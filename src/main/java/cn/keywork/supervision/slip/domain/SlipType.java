package cn.keywork.supervision.slip.domain;

/** The office's three instruments (R7–R9): assignment 交办单, urging 催办单, supervision order 督办单. */
public enum SlipType {
    ASSIGNMENT, URGING, SUPERVISION
}
