package cn.keywork.supervision.task.repository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.task.domain.SubItem;
import cn.keywork.supervision.task.domain.SubItemMonth;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Sub-items and their months: a task's breakdown in two queries, never one per sub-item. */
@ApplicationScoped
@WithSession
public class SubItemRepository implements PanacheRepositoryBase<SubItem, UUID> {

    public Uni<List<SubItem>> of(UUID taskId) {
        return find("taskId = ?1 order by listOrder", taskId).list();
    }

    public Uni<List<SubItemMonth.Row>> monthsOf(Collection<UUID> subItemIds) {
        if (subItemIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession().chain(session -> session
                .createSelectionQuery("select new cn.keywork.supervision.task.domain.SubItemMonth$Row(m.subItemId, m.month, "
                        + "m.plannedPercent, m.milestone) from SubItemMonth m where m.subItemId in :ids order by m.subItemId, m.month",
                        SubItemMonth.Row.class)
                .setParameter("ids", subItemIds)
                .getResultList());
    }

    public Uni<Integer> removeMonthsOf(UUID subItemId) {
        return getSession().chain(session -> session
                .createMutationQuery("delete from SubItemMonth where subItemId = :id")
                .setParameter("id", subItemId)
                .executeUpdate());
    }

    public Uni<Integer> nextOrder(UUID taskId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select coalesce(max(s.listOrder) + 1, 0) from SubItem s where s.taskId = :task",
                        Integer.class)
                .setParameter("task", taskId)
                .getSingleResult());
    }
}
