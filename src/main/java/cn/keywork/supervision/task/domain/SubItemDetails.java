package cn.keywork.supervision.task.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** What the breakdown says about a sub-item (R4). */
public record SubItemDetails(String content, UUID responsibleUnitId, String responsiblePerson, LocalDate deadline,
        BigDecimal weight, Schedule schedule) {

    /** Whether only the person and the milestone texts differ: the parts that change without adjustment. */
    public boolean samePlanAs(SubItemDetails other) {
        if (!content.equals(other.content) || !responsibleUnitId.equals(other.responsibleUnitId)
                || !deadline.equals(other.deadline) || weight.compareTo(other.weight) != 0
                || schedule.entries().size() != other.schedule.entries().size()) {
            return false;
        }
        for (int i = 0; i < schedule.entries().size(); i++) {
            Schedule.Entry mine = schedule.entries().get(i);
            Schedule.Entry theirs = other.schedule.entries().get(i);
            if (!mine.month().equals(theirs.month()) || mine.plannedPercent().compareTo(theirs.plannedPercent()) != 0) {
                return false;
            }
        }
        return true;
    }
}
