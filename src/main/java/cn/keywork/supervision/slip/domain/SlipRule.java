package cn.keywork.supervision.slip.domain;

/** The rule a slip rests on (R7–R9), or the office's override of R7 or R8. */
public enum SlipRule {
    R7, R8_YELLOW, R8_RED, R8_NOT_REPORTED, R9, OVERRIDE
}
