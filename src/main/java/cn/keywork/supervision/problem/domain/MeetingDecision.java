package cn.keywork.supervision.problem.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A decision of a joint meeting, numbered from 1: its text, and optionally a problem it opens
 * (assigned units, deadline, and once opened the problem's id) or a request to the office for an
 * assignment slip.
 */
public record MeetingDecision(int number, String text, boolean openProblem, List<UUID> assignedUnitIds,
        LocalDate deadline, UUID problemId, boolean requestAssignmentSlip) {

    public MeetingDecision {
        assignedUnitIds = assignedUnitIds == null ? List.of() : List.copyOf(assignedUnitIds);
    }

    public MeetingDecision withProblem(UUID problem) {
        return new MeetingDecision(number, text, openProblem, assignedUnitIds, deadline, problem, requestAssignmentSlip);
    }
}
