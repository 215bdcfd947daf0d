package cn.keywork.supervision.assessment.domain;

/** The object types objections and the annual assessment carry in the audit trail and the event log. */
public final class AssessmentEvents {

    public static final String OBJECTION = "Objection";
    public static final String YEAR = "AssessmentYear";

    private AssessmentEvents() {
    }
}
