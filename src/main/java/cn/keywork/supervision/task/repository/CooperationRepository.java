package cn.keywork.supervision.task.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.task.domain.TaskCooperation;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The cooperating departments of tasks. */
@ApplicationScoped
@WithSession
public class CooperationRepository implements PanacheRepositoryBase<TaskCooperation, TaskCooperation.Key> {

    public Uni<List<TaskCooperation>> of(UUID taskId) {
        return find("taskId = ?1 order by listOrder", taskId).list();
    }

    public Uni<Long> removeAllOf(UUID taskId) {
        return delete("taskId", taskId);
    }
}
