package cn.keywork.supervision.progress.domain;

import java.util.List;
import java.util.UUID;

/**
 * A monthly report as other features refer to it: its task, month, the lead unit and every unit
 * taking part (lead first, then the cooperating units), and its status.
 */
public record ReportRef(UUID reportId, UUID taskId, String period, UUID leadUnitId, List<UUID> unitIds,
        ReportStatus status) {

    public ReportRef {
        unitIds = List.copyOf(unitIds);
    }
}
