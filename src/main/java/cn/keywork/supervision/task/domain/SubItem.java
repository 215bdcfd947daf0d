package cn.keywork.supervision.task.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A sub-item (子项) of a task; its months are kept beside it. */
@Entity
@Table(name = "task_sub_item")
public class SubItem {

    @Id
    UUID id;

    @Column(name = "task_id")
    UUID taskId;

    @Column(name = "list_order")
    int listOrder;

    String content;

    @Column(name = "responsible_unit_id")
    UUID responsibleUnitId;

    @Column(name = "responsible_person")
    String responsiblePerson;

    LocalDate deadline;

    BigDecimal weight;

    @Version
    long version;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    protected SubItem() {
    }

    public static SubItem of(UUID taskId, int listOrder, SubItemDetails details, Instant now) {
        SubItem item = new SubItem();
        item.id = UUID.randomUUID();
        item.taskId = taskId;
        item.listOrder = listOrder;
        item.createdAt = now;
        item.apply(details, now);
        return item;
    }

    public void apply(SubItemDetails details, Instant now) {
        this.content = details.content();
        this.responsibleUnitId = details.responsibleUnitId();
        this.responsiblePerson = details.responsiblePerson();
        this.deadline = details.deadline();
        this.weight = details.weight();
        this.updatedAt = now;
    }

    public SubItemView view(List<Schedule.Entry> months) {
        return new SubItemView(id, taskId, new SubItemDetails(content, responsibleUnitId, responsiblePerson, deadline,
                weight, new Schedule(months)), version);
    }

    public Map<String, Object> auditSnapshot(Schedule schedule) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("content", content);
        snapshot.put("responsibleUnitId", responsibleUnitId.toString());
        snapshot.put("responsiblePerson", responsiblePerson);
        snapshot.put("deadline", deadline.toString());
        snapshot.put("weight", weight.stripTrailingZeros().toPlainString());
        snapshot.put("schedule", schedule.entries().stream()
                .map(e -> e.month() + " " + e.plannedPercent().stripTrailingZeros().toPlainString() + "%"
                        + (e.milestone() == null ? "" : " " + e.milestone()))
                .toList());
        return snapshot;
    }

    public UUID id() {
        return id;
    }

    public UUID taskId() {
        return taskId;
    }

    public UUID responsibleUnitId() {
        return responsibleUnitId;
    }

    public long version() {
        return version;
    }
}
