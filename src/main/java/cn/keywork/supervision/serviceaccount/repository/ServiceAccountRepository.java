package cn.keywork.supervision.serviceaccount.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import cn.keywork.supervision.serviceaccount.domain.ServiceAccount;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Queries over service accounts. */
@ApplicationScoped
@WithSession
public class ServiceAccountRepository implements PanacheRepositoryBase<ServiceAccount, UUID> {

    public Uni<ServiceAccount> findByClientId(String clientId) {
        return find("clientId", clientId).firstResult();
    }

    /** The account by id, locked for the rest of the transaction (a rotation or a change). */
    public Uni<ServiceAccount> lock(UUID id) {
        return findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** Newest first. */
    public Uni<List<ServiceAccount>> page(PageRequest page) {
        return find("order by createdAt desc, userId").page(page.page() - 1, page.size()).list();
    }

    /** Keeps when a token was last issued, without making a new version of the account. */
    public Uni<Integer> markUsed(UUID id, java.time.Instant now) {
        return update("lastUsedAt = ?1 where userId = ?2", now, id);
    }

    public Uni<Long> total() {
        return count();
    }

}
