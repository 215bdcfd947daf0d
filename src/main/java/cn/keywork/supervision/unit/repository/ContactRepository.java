package cn.keywork.supervision.unit.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.unit.domain.Liaison;
import cn.keywork.supervision.unit.domain.UnitContact;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Queries over supervision contacts and their liaisons. */
@ApplicationScoped
@WithSession
public class ContactRepository implements PanacheRepositoryBase<UnitContact, UUID> {

    /** The contact of a unit, if the unit lies within {@code scope} (empty: every unit). */
    public Uni<UnitContact> findWithin(UUID unitId, java.util.Optional<UUID> scope) {
        if (scope.isEmpty()) {
            return findById(unitId);
        }
        return find("unitId = ?1 and unitId = ?2", unitId, scope.get()).firstResult();
    }

    public Uni<List<Liaison>> liaisonsOf(UUID unitId) {
        return getSession().chain(session -> session
                .createSelectionQuery("from Liaison where unitId = :unit order by listOrder", Liaison.class)
                .setParameter("unit", unitId)
                .getResultList());
    }

    public Uni<Integer> removeLiaisonsOf(UUID unitId) {
        return getSession().chain(session -> session
                .createMutationQuery("delete from Liaison where unitId = :unit")
                .setParameter("unit", unitId)
                .executeUpdate());
    }
}
