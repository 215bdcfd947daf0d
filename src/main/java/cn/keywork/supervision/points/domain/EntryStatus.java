package cn.keywork.supervision.points.domain;

/** A point entry's state: posted entries are EFFECTIVE at once; manual ones wait for a second ASSESSMENT account. */
public enum EntryStatus {
    PROPOSED, EFFECTIVE, REJECTED
}
