package cn.keywork.supervision.briefing.domain;

/** The office's moves of a briefing: take the data again, or publish it. */
public enum BriefingAction {
    REFRESH, PUBLISH
}
