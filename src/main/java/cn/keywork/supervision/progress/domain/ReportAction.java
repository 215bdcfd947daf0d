package cn.keywork.supervision.progress.domain;

/** The moves of a report: the lead unit submits, the office accepts or returns. */
public enum ReportAction {
    SUBMIT, ACCEPT, RETURN
}
