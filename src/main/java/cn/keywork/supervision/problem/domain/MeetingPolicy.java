package cn.keywork.supervision.problem.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.security.Actor;

/** The rules of a joint meeting's record: who keeps it, what a decision carries, what a correction keeps. */
public final class MeetingPolicy {

    private MeetingPolicy() {
    }

    /** The task's lead unit or the office. */
    public static void requireMayRecord(ProblemTask task, Actor actor) {
        if (ProblemPolicy.isOffice(actor)) {
            return;
        }
        if (!ProblemPolicy.isUnitAccount(actor) || !task.leadUnitId().equals(actor.unitId())) {
            throw new NotPermitted(DomainMessage.MEETING_LEAD_OR_OFFICE_ONLY);
        }
    }

    /** A meeting held already; a decision opening a problem names units and a deadline, no other does. */
    public static void requireValid(MeetingDraft draft, LocalDate today) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (draft.heldOn().isAfter(today)) {
            errors.add("heldOn", InvalidInput.Reason.RANGE, DomainMessage.MEETING_DATE_FUTURE, draft.heldOn());
        }
        for (int i = 0; i < draft.decisions().size(); i++) {
            MeetingDecision decision = draft.decisions().get(i);
            if (decision.openProblem()) {
                if (decision.assignedUnitIds().isEmpty() || decision.deadline() == null) {
                    errors.add("decisions[" + i + "]", InvalidInput.Reason.REQUIRED,
                            DomainMessage.MEETING_DECISION_PROBLEM_NEEDS_ASSIGNMENT);
                }
            } else if (!decision.assignedUnitIds().isEmpty() || decision.deadline() != null) {
                errors.add("decisions[" + i + "]", InvalidInput.Reason.RULE,
                        DomainMessage.MEETING_DECISION_ASSIGNMENT_WITHOUT_PROBLEM);
            }
        }
        errors.throwIfAny();
    }

    /**
     * The decisions of a correction: a decision that opened a problem stays at its position with
     * {@code openProblem} and keeps its problem, units and deadline; 409 otherwise.
     */
    public static List<MeetingDecision> corrected(List<MeetingDecision> stored, List<MeetingDecision> sent) {
        List<MeetingDecision> result = new ArrayList<>(sent);
        for (MeetingDecision kept : stored) {
            if (kept.problemId() == null) {
                continue;
            }
            int at = kept.number() - 1;
            if (at >= sent.size() || !sent.get(at).openProblem()) {
                throw new Conflict(DomainMessage.MEETING_DECISION_PROBLEM_KEPT, kept.number(), kept.problemId());
            }
            MeetingDecision now = sent.get(at);
            result.set(at, new MeetingDecision(kept.number(), now.text(), true, kept.assignedUnitIds(), kept.deadline(),
                    kept.problemId(), now.requestAssignmentSlip()));
        }
        return result;
    }
}
