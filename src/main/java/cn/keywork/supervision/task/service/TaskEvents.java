package cn.keywork.supervision.task.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.task.domain.TaskAction;
import cn.keywork.supervision.task.domain.TaskView;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The register's domain events: every task's declaration, decisions and life-cycle moves. */
@ApplicationScoped
class TaskEvents {

    static final String OBJECT_TYPE = "TASK";

    private final DomainEventLog log;

    TaskEvents(DomainEventLog log) {
        this.log = log;
    }

    Uni<Void> created(TaskView task, boolean registered) {
        return tell(registered ? EventTypes.TASK_REGISTERED : EventTypes.TASK_DECLARED, task, null);
    }

    Uni<Void> moved(TaskView task, TaskAction action, String note) {
        String type = switch (action) {
            case SUBMIT -> EventTypes.TASK_SUBMITTED;
            case ACCEPT -> EventTypes.TASK_ACCEPTED;
            case RETURN -> EventTypes.TASK_RETURNED;
            case COMPLETE -> EventTypes.TASK_COMPLETED;
            case CLOSE -> EventTypes.TASK_CLOSED;
            case CANCEL -> EventTypes.TASK_CANCELLED;
        };
        return tell(type, task, note);
    }

    Uni<Void> adjusted(TaskView task, String reason) {
        return tell(EventTypes.TASK_ADJUSTED, task, reason);
    }

    private Uni<Void> tell(String type, TaskView task, String note) {
        List<UUID> units = new ArrayList<>();
        units.add(task.details().leadUnitId());
        if (task.details().cooperations() != null) {
            task.details().cooperations().forEach(c -> units.add(c.unitId()));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("code", task.code());
        payload.put("title", task.details().title());
        payload.put("category", task.details().category().name());
        payload.put("status", task.status().name());
        payload.put("deadline", task.details().deadline().toString());
        if (note != null) {
            payload.put("note", note);
        }
        return log.append(DomainEvent.of(type, OBJECT_TYPE, task.id(), units, null, payload));
    }
}
