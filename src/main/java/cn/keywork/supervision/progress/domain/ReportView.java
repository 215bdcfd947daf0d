package cn.keywork.supervision.progress.domain;

import java.util.List;

/** A report as it is answered: its row, the task's code, coordination requests and every sub-item. */
public record ReportView(ReportRow row, String taskCode, List<ReportDraft.Coordination> coordinationRequests,
        List<ReportLine> subItems) {
}
