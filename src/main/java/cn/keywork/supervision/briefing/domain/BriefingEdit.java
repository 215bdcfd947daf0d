package cn.keywork.supervision.briefing.domain;

/** The office's own text of a briefing; a null field keeps its value, an empty one removes it. */
public record BriefingEdit(String title, String foreword, String conclusions) {
}
