package cn.keywork.supervision.briefing.domain;

/** Which briefings to list: of a year, in a status (either may be null). */
public record BriefingFilter(Integer year, BriefingStatus status) {
}
