package cn.keywork.supervision.evidence.domain;

/** What a file is evidence for. */
public enum OwnerType {
    REPORT, SLIP
}
