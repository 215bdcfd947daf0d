package cn.keywork.supervision.briefing.domain;

/** Where a quarterly briefing stands (R10): the office edits a DRAFT; PUBLISHED is final. */
public enum BriefingStatus {
    DRAFT, PUBLISHED
}
