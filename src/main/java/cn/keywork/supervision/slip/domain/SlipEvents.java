package cn.keywork.supervision.slip.domain;

/** The object type of slips in the audit trail and the domain event log. */
public final class SlipEvents {

    public static final String OBJECT_TYPE = "Slip";

    private SlipEvents() {
    }
}
