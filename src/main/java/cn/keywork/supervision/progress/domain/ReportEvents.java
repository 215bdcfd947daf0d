package cn.keywork.supervision.progress.domain;

/** The object type reports carry in the audit trail and the domain event log. */
public final class ReportEvents {

    public static final String OBJECT_TYPE = "ProgressReport";

    private ReportEvents() {
    }
}
