package cn.keywork.supervision.opinion.domain;

/** A public opinion's moderation (R15): held PENDING until the office approves or rejects it. */
public enum OpinionStatus {
    PENDING, APPROVED, REJECTED
}
