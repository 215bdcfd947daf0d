package cn.keywork.supervision.domain;

/**
 * The codes of the domain's refusals; each is a key of the problem message catalogue, where
 * {@code {0}}, {@code {1}}, … stand for the refusal's arguments in order.
 */
public enum DomainMessage implements MessageKey {
    FIELDS_INVALID("fields-invalid"),
    TASK_NOT_FOUND("task.not-found"),
    SUB_ITEM_NOT_FOUND("sub-item.not-found"),
    ADJUSTMENT_NOT_FOUND("adjustment.not-found"),
    TASK_MOVE_NOT_ALLOWED("task.move-not-allowed"),
    TASK_NOTE_REQUIRED("task.note-required"),
    TASK_MOVE_OFFICE_ONLY("task.move-office-only"),
    TASK_LEAD_OR_OFFICE_ONLY("task.lead-or-office-only"),
    TASK_DECLARE_OWN_UNIT_ONLY("task.declare-own-unit-only"),
    TASK_KEEP_LEAD_UNIT("task.keep-lead-unit"),
    TASK_NOT_EDITABLE("task.not-editable"),
    TASK_NOT_ADJUSTABLE("task.not-adjustable"),
    TASK_DECLARATION_WINDOW_CLOSED("task.declaration-window-closed"),
    TASK_LIMIT_KEY_PROJECTS("task.limit-key-projects"),
    TASK_LIMIT_LIVELIHOOD_MATTERS("task.limit-livelihood-matters"),
    TASK_LIMIT_COUNTY_TOPICS("task.limit-county-topics"),
    TASK_BREAKDOWN_NOT_EDITABLE("task.breakdown-not-editable"),
    SUB_ITEM_PLAN_NOT_EDITABLE("sub-item.plan-not-editable"),
    SUB_ITEM_CHANGE_NOT_PERMITTED("sub-item.change-not-permitted"),
    SUB_ITEM_REASSIGN_NOT_PERMITTED("sub-item.reassign-not-permitted"),
    SUB_ITEM_DEADLINE_AFTER_TASK("sub-item.deadline-after-task"),
    SUB_ITEM_UNIT_NOT_IN_TASK("sub-item.unit-not-in-task"),
    SUB_ITEM_PROPOSED_DOES_NOT_FIT("sub-item.proposed-does-not-fit"),
    SUB_ITEM_EXISTING_DOES_NOT_FIT("sub-item.existing-does-not-fit"),
    ADJUSTMENT_ALREADY_PENDING("adjustment.already-pending"),
    ADJUSTMENT_ALREADY_DECIDED("adjustment.already-decided"),
    SCHEDULE_MONTHS_NOT_CONSECUTIVE("schedule.months-not-consecutive"),
    SCHEDULE_MONTH_AFTER_DEADLINE("schedule.month-after-deadline"),
    SCHEDULE_PERCENT_OUT_OF_RANGE("schedule.percent-out-of-range"),
    SCHEDULE_PERCENT_DECREASES("schedule.percent-decreases"),
    SCHEDULE_ENDS_BEFORE_DEADLINE("schedule.ends-before-deadline"),
    SCHEDULE_NOT_COMPLETE("schedule.not-complete"),
    REPORT_NOT_FOUND("report.not-found"),
    REPORT_NOT_EDITABLE("report.not-editable"),
    REPORT_NOT_PERMITTED("report.not-permitted"),
    REPORT_SUBMIT_LEAD_ONLY("report.submit-lead-only"),
    REPORT_DECISION_OFFICE_ONLY("report.decision-office-only"),
    REPORT_SUB_ITEMS_NOT_YOURS("report.sub-items-not-yours"),
    REPORT_LEAD_FIELDS_ONLY("report.lead-fields-only"),
    REPORT_MOVE_NOT_ALLOWED("report.move-not-allowed"),
    REPORT_COMMENT_REQUIRED("report.comment-required"),
    REPORT_ACTUAL_MISSING("report.actual-missing"),
    REPORT_ACTUAL_SCALE("report.actual-scale"),
    REPORT_ACTUAL_RANGE("report.actual-range"),
    REPORT_PROGRESS_DECREASES("report.progress-decreases"),
    REPORT_PERIOD_FUTURE("report.period-future"),
    REPORT_PERIOD_OUTSIDE_TASK("report.period-outside-task"),
    REPORT_PERIOD_MISMATCH("report.period-mismatch"),
    REPORT_TASK_NOT_REPORTING("report.task-not-reporting"),
    REPORT_SUB_ITEM_UNKNOWN("report.sub-item-unknown"),
    REPORT_SUB_ITEM_TWICE("report.sub-item-twice"),
    REPORT_CREATED_MEANWHILE("report.created-meanwhile"),
    TASK_SITE_NOT_SETTABLE("task.site-not-settable"),
    UNIT_NOT_FOUND("unit.not-found"),
    UNIT_CODE_TAKEN("unit.code-taken"),
    UNIT_REFERRED_TO("unit.referred-to"),
    UNIT_CYCLE("unit.cycle"),
    UNIT_ONE_PRIMARY_LIAISON("unit.one-primary-liaison"),
    ACCOUNT_NOT_FOUND("account.not-found"),
    ACCOUNT_NOT_KEPT("account.not-kept"),
    ACCOUNT_NAME_TAKEN("account.name-taken"),
    ACCOUNT_ROLES_SEPARATED("account.roles-separated"),
    ACCOUNT_UNIT_REQUIRED("account.unit-required"),
    PASSWORD_TOO_SHORT("password.too-short"),
    PASSWORD_TOO_SIMPLE("password.too-simple"),
    PASSWORD_CONTAINS_USERNAME("password.contains-username"),
    PASSWORD_UNCHANGED("password.unchanged"),
    PASSWORD_CURRENT_WRONG("password.current-wrong"),
    TASK_DEADLINE_BEFORE_YEAR("task.deadline-before-year"),
    TASK_UNIT_TAKES_PART_ONCE("task.unit-takes-part-once"),
    TASK_LEADER_NOT_LEADER("task.leader-not-leader"),
    SEED_BY_SERVICE_ONLY("sub-item.seed-by-service-only"),
    ATTACHMENT_NOT_FOUND("attachment.not-found"),
    ATTACHMENT_EMPTY("attachment.empty"),
    ATTACHMENT_CAPTION_TOO_LONG("attachment.caption-too-long"),
    ATTACHMENT_TOO_LARGE("attachment.too-large"),
    ATTACHMENT_TYPE_REFUSED("attachment.type-refused"),
    ATTACHMENT_TOO_MANY_PIXELS("attachment.too-many-pixels"),
    ATTACHMENT_UNREADABLE_IMAGE("attachment.unreadable-image"),
    ATTACHMENT_LIMIT_REACHED("attachment.limit-reached"),
    ATTACHMENT_NO_THUMBNAIL("attachment.no-thumbnail"),
    ATTACHMENT_RANGE_NOT_SATISFIABLE("attachment.range-not-satisfiable"),
    IDEMPOTENCY_IN_PROGRESS("idempotency.in-progress"),
    IDEMPOTENCY_KEY_REUSED("idempotency.key-reused");

    private final String key;

    DomainMessage(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
