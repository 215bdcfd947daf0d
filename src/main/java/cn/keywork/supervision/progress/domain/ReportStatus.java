package cn.keywork.supervision.progress.domain;

/**
 * Where a monthly progress report stands. NOT_REPORTED is set by the monthly cycle that closes a
 * month for which no report was accepted; no move of a unit or the office leads to it.
 */
public enum ReportStatus {
    DRAFT, SUBMITTED, RETURNED, ACCEPTED, NOT_REPORTED
}
