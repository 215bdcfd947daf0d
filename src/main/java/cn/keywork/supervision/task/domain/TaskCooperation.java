package cn.keywork.supervision.task.domain;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A cooperating department of a task and what it answers for. */
@Entity
@Table(name = "key_task_cooperation")
@IdClass(TaskCooperation.Key.class)
public class TaskCooperation {

    @Id
    @Column(name = "task_id")
    UUID taskId;

    @Id
    @Column(name = "unit_id")
    UUID unitId;

    String responsibility;

    @Column(name = "list_order")
    int listOrder;

    protected TaskCooperation() {
    }

    public static TaskCooperation of(UUID taskId, int listOrder, TaskDetails.Cooperation cooperation) {
        TaskCooperation row = new TaskCooperation();
        row.taskId = taskId;
        row.unitId = cooperation.unitId();
        row.responsibility = cooperation.responsibility();
        row.listOrder = listOrder;
        return row;
    }

    public TaskDetails.Cooperation cooperation() {
        return new TaskDetails.Cooperation(unitId, responsibility);
    }

    /** The composite key: one row per task and unit. */
    public static class Key implements Serializable {
        UUID taskId;
        UUID unitId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(taskId, key.taskId) && Objects.equals(unitId, key.unitId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(taskId, unitId);
        }
    }
}
