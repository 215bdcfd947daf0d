package cn.keywork.supervision.problem.domain;

/** The object type problems carry in the audit trail and the domain event log. */
public final class ProblemEvents {

    public static final String OBJECT_TYPE = "Problem";

    private ProblemEvents() {
    }
}
