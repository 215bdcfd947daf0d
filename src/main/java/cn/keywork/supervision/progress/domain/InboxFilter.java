package cn.keywork.supervision.progress.domain;

import java.util.UUID;

/** The office inbox's question: a month, optionally a state and a unit. */
public record InboxFilter(String period, State state, UUID unitId) {

    /** What the inbox can be narrowed to; see the contract's InboxFilter. */
    public enum State {
        MISSING, DRAFT, SUBMITTED, RETURNED, ACCEPTED, LATE
    }
}
