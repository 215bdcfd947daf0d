package cn.keywork.supervision.event;

/**
 * The stable names of domain events. Scripts filter and webhooks subscribe by these names, so a
 * name, once published, never changes meaning.
 */
public final class EventTypes {

    public static final String TASK_DECLARED = "task.declared";
    public static final String TASK_REGISTERED = "task.registered";
    public static final String TASK_SUBMITTED = "task.submitted";
    public static final String TASK_ACCEPTED = "task.accepted";
    public static final String TASK_RETURNED = "task.returned";
    public static final String TASK_ADJUSTED = "task.adjusted";
    public static final String TASK_COMPLETED = "task.completed";
    public static final String TASK_CLOSED = "task.closed";
    public static final String TASK_CANCELLED = "task.cancelled";
    /** A task still ACTIVE when its year's cycle runs (one per task, set-based). */
    public static final String TASK_UNFINISHED = "task.unfinished";
    /** A task's stored light of a month changed (payload taskId, code, period, from, to). */
    public static final String LIGHT_CHANGED = "light.changed";
    public static final String LEDGER_CLOSED = "ledger.closed";
    public static final String LEDGER_CORRECTED = "ledger.corrected";
    public static final String LEDGER_PUBLISHED = "ledger.published";
    public static final String EVIDENCE_ATTACHED = "evidence.attached";
    public static final String EVIDENCE_REMOVED = "evidence.removed";
    public static final String REPORT_SUBMITTED = "report.submitted";
    public static final String REPORT_ACCEPTED = "report.accepted";
    public static final String REPORT_RETURNED = "report.returned";
    public static final String SLIP_DRAFTED = "slip.drafted";
    /** A supervision order sent to its leader for approval. */
    public static final String SLIP_SUBMITTED_FOR_APPROVAL = "slip.submitted_for_approval";
    public static final String SLIP_APPROVED = "slip.approved";
    public static final String SLIP_REJECTED = "slip.rejected";
    public static final String SLIP_WITHDRAWN = "slip.withdrawn";
    public static final String SLIP_ISSUED = "slip.issued";
    /**
     * A slip was not acknowledged in time or has no accepted response by its deadline, appended once
     * per kind (payload slipType, number, taskId, code, kind ACKNOWLEDGEMENT or RESPONSE, deadline).
     */
    public static final String SLIP_OVERDUE = "slip.overdue";
    public static final String SLIP_ACKNOWLEDGED = "slip.acknowledged";
    public static final String SLIP_RESPONDED = "slip.responded";
    public static final String SLIP_RETURNED = "slip.returned";
    public static final String SLIP_CLOSED = "slip.closed";
    /** An urging slip superseded by a supervision order (R9). */
    public static final String SLIP_ESCALATED = "slip.escalated";
    /**
     * A supervision order was issued: the durable basis of a point deduction against its target
     * units (R9, R16). Payload slipType, number, taskId, code, rule, basis, urgingSlipId, urgingNumber.
     */
    public static final String SLIP_DEDUCTION_BASIS = "slip.deduction_basis";
    public static final String PROBLEM_RAISED = "problem.raised";
    public static final String PROBLEM_ASSIGNED = "problem.assigned";
    public static final String PROBLEM_ANSWERED = "problem.answered";
    public static final String PROBLEM_CLOSED = "problem.closed";
    public static final String PROBLEM_REPORTED_TO_LEADERS = "problem.reported_to_leaders";
    public static final String MEETING_HELD = "meeting.held";
    /** A quarter's briefing was drafted (R10). Payload quarter, title. */
    public static final String BRIEFING_DRAFTED = "briefing.drafted";
    /** A quarter's briefing was published (R10): everyone may read it, the public too. Payload quarter, title. */
    public static final String BRIEFING_PUBLISHED = "briefing.published";

    private EventTypes() {
    }

    /** A cycle run ended (SUCCEEDED or FAILED); payload type, period, status and the counts of its steps. */
    public static final String CYCLE_FINISHED = "cycle.finished";

    /** A public-evaluation round moved to its next phase (R14). Payload period, from, to. */
    public static final String ROUND_MOVED = "evaluation.round_moved";
    /** An evaluator put an inquiry to a unit (R14); unitIds the addressed unit. Payload roundId, taskId, code, answerDue. */
    public static final String EVALUATION_INQUIRY_ASKED = "evaluation.inquiry_asked";
    /** The addressed unit answered an inquiry; payload roundId, taskId, code, late. */
    public static final String EVALUATION_INQUIRY_ANSWERED = "evaluation.inquiry_answered";
    /** The asking evaluator judged the answer; payload roundId, taskId, code, satisfactory. */
    public static final String EVALUATION_INQUIRY_JUDGED = "evaluation.inquiry_judged";
    /**
     * An inquiry was not answered by its due time, appended once per inquiry (R14, R16: a basis of a
     * deduction); unitIds the addressed unit. Payload roundId, taskId, code, answerDue.
     */
    public static final String EVALUATION_INQUIRY_OVERDUE = "evaluation.inquiry_overdue";
    /**
     * A subject's result of a public-evaluation round was published (R14), one per subject: the basis
     * of its units' points. Payload roundId, period, taskId, score, satisfactionRate, rank, rated; units
     * the task's lead and cooperating units.
     */
    public static final String EVALUATION_RESULT_PUBLISHED = "evaluation.result_published";
    /** A unit objected to a point entry against it (R16). Payload entryId, year, points, ruleCode, status. */
    public static final String ASSESSMENT_OBJECTION_FILED = "assessment.objection_filed";
    /** The assessment office decided an objection (R16). Payload entryId, year, status, reversalEntryId. */
    public static final String ASSESSMENT_OBJECTION_DECIDED = "assessment.objection_decided";
    /** A year's annual assessment was frozen as a snapshot (R16). Payload year, ruleBookVersion, units. */
    public static final String ASSESSMENT_FROZEN = "assessment.frozen";
    /** A point entry was posted from an event by a rule (R16); unitIds = the entry's unit. Payload entryId, year, points, ruleCode, ruleBookVersion, sourceEventId. */
    public static final String POINTS_POSTED = "points.posted";

    /** A rule book's draft became the ACTIVE version of its year (R16). Payload year, version, previousVersion. */
    public static final String POINTS_RULE_BOOK_ACTIVATED = "points.rule_book_activated";
}
