package cn.keywork.supervision.task.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.task.domain.KeyTask;
import cn.keywork.supervision.task.domain.Schedule;
import cn.keywork.supervision.task.domain.SubItem;
import cn.keywork.supervision.task.domain.SubItemView;
import cn.keywork.supervision.task.domain.TaskCooperation;
import cn.keywork.supervision.task.domain.TaskVersionView;
import cn.keywork.supervision.task.repository.AdjustmentRepository;
import cn.keywork.supervision.task.repository.CooperationRepository;
import cn.keywork.supervision.task.repository.SubItemRepository;
import io.smallrye.mutiny.Uni;

/**
 * The versions of a registered task: each one the task and its breakdown as they stood (without
 * personal data), written in the transaction that made the change.
 */
@ApplicationScoped
class TaskHistory {

    private final AdjustmentRepository store;
    private final CooperationRepository cooperations;
    private final SubItemRepository subItems;
    private final ObjectMapper json;
    private final Clock clock;

    TaskHistory(AdjustmentRepository store, CooperationRepository cooperations, SubItemRepository subItems,
            ObjectMapper json, Clock clock) {
        this.store = store;
        this.cooperations = cooperations;
        this.subItems = subItems;
        this.json = json;
        this.clock = clock;
    }

    Uni<Void> record(KeyTask task, String reason) {
        return cooperations.of(task.id())
                .chain(rows -> breakdown(task.id()).map(items -> {
                    Map<String, Object> snapshot = new LinkedHashMap<>();
                    snapshot.put("task", task.view(rows.stream().map(TaskCooperation::cooperation).toList())
                            .withoutPersonalData());
                    snapshot.put("subItems", items);
                    return write(snapshot);
                }))
                .chain(snapshot -> store.recordVersion(task.id(), clock.instant(), RequestScope.actor().username(),
                        reason, snapshot));
    }

    Uni<List<TaskVersionView>> versions(UUID taskId) {
        return store.versions(taskId);
    }

    /** A task's sub-items with their schedules, in two queries. */
    Uni<List<SubItemView>> breakdown(UUID taskId) {
        return subItems.of(taskId).chain(items -> subItems.monthsOf(items.stream().map(SubItem::id).toList())
                .map(months -> {
                    Map<UUID, List<Schedule.Entry>> byItem = new HashMap<>();
                    months.forEach(month -> byItem.computeIfAbsent(month.subItemId(), id -> new ArrayList<>()).add(month.entry()));
                    return items.stream().map(item -> item.view(byItem.getOrDefault(item.id(), List.of()))).toList();
                }));
    }

    private String write(Object snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a task version", e);
        }
    }
}
