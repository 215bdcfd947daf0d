package cn.keywork.supervision.progress.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What reporting needs to know of a task: its code and title, the years it spans, whether it is
 * in the register, and the units taking part (lead first, then the cooperating units).
 */
public record ReportTask(UUID id, String code, String title, int year, LocalDate deadline, String status,
        UUID leadUnitId, List<UUID> cooperatingUnitIds) {

    public ReportTask {
        cooperatingUnitIds = List.copyOf(cooperatingUnitIds);
    }

    /** The lead unit, then the cooperating units. */
    public List<UUID> unitIds() {
        List<UUID> units = new ArrayList<>();
        units.add(leadUnitId);
        cooperatingUnitIds.stream().filter(unit -> !unit.equals(leadUnitId)).forEach(units::add);
        return units;
    }
}
