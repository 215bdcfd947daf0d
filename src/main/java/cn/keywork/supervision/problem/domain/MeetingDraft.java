package cn.keywork.supervision.problem.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A joint meeting's record as sent: its decisions numbered in order, none with a problem yet. */
public record MeetingDraft(LocalDate heldOn, List<UUID> participantUnitIds, String minutes,
        List<MeetingDecision> decisions) {

    public MeetingDraft {
        decisions = decisions == null ? List.of() : List.copyOf(decisions);
    }
}
