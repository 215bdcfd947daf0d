package cn.keywork.supervision.task.domain;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One month of a sub-item's plan. */
@Entity
@Table(name = "task_sub_item_month")
@IdClass(SubItemMonth.Key.class)
public class SubItemMonth {

    @Id
    @Column(name = "sub_item_id")
    UUID subItemId;

    @Id
    String month;

    @Column(name = "planned_percent")
    BigDecimal plannedPercent;

    String milestone;

    protected SubItemMonth() {
    }

    public static SubItemMonth of(UUID subItemId, Schedule.Entry entry) {
        SubItemMonth row = new SubItemMonth();
        row.subItemId = subItemId;
        row.month = entry.month().toString();
        row.plannedPercent = entry.plannedPercent();
        row.milestone = entry.milestone();
        return row;
    }

    /** A month as read: a projection, never a managed entity, so a sub-item's months can be replaced freely. */
    public record Row(UUID subItemId, String month, BigDecimal plannedPercent, String milestone) {

        public Schedule.Entry entry() {
            return new Schedule.Entry(YearMonth.parse(month.trim()), plannedPercent, milestone);
        }
    }

    /** The composite key: one row per sub-item and month. */
    public static class Key implements Serializable {
        UUID subItemId;
        String month;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(subItemId, key.subItemId) && Objects.equals(month, key.month);
        }

        @Override
        public int hashCode() {
            return Objects.hash(subItemId, month);
        }
    }
}
