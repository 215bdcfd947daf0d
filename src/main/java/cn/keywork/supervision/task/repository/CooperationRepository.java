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

    /**
     * Removes them one by one through the session: a bulk delete would leave the rows the session
     * already holds in it, and putting back the same unit would then clash with its old row.
     */
    public Uni<Void> removeAllOf(UUID taskId) {
        return of(taskId).chain(rows -> getSession().chain(session -> session.removeAll(rows.toArray())));
    }
}
