package cn.keywork.supervision.progress.lights.domain;

/** OPEN: computed live; CLOSED: frozen in versions; PUBLISHED: a version is public. */
public enum LedgerStatus {
    OPEN, CLOSED, PUBLISHED
}
