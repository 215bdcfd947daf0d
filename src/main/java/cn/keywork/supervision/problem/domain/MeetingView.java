package cn.keywork.supervision.problem.domain;

import java.util.List;

/** A joint meeting with its decisions in order. */
public record MeetingView(MeetingRow row, List<MeetingDecision> decisions) {
}
