package cn.keywork.supervision.account.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.AccountFilter;
import cn.keywork.supervision.account.domain.UserAccount;
import cn.keywork.supervision.web.LikePatterns;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Queries over accounts. */
@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepositoryBase<UserAccount, UUID> {

    /** Display names sort by pinyin (migration V11). */
    static final Map<String, String> COLUMNS = Map.of(
            "username", "a.username",
            "displayName", "collate(function('pinyin_sortable', a.displayName) as zh_pinyin)",
            "createdAt", "a.createdAt");

    public Uni<UserAccount> findByUsername(String username) {
        return find("username", username).firstResult();
    }

    /** A person's account (never the account behind a service account), or null. */
    public Uni<UserAccount> findPerson(UUID id) {
        return find("id = ?1 and kind = ?2", id, UserAccount.PERSON).firstResult();
    }

    /** The account's token cut-off only (read on authenticated requests, so no entity is loaded). */
    public Uni<java.time.Instant> tokensValidAfter(UUID id) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select a.tokensValidAfter from UserAccount a where a.id = :id", java.time.Instant.class)
                .setParameter("id", id)
                .getSingleResultOrNull());
    }

    public Uni<Boolean> anyWithRole(String role) {
        return count("concat(',', roles, ',') like ?1", "%," + role + ",%").map(n -> n > 0);
    }

    public Uni<List<UserAccount>> page(AccountFilter filter, PageRequest page) {
        Criteria criteria = Criteria.of(filter);
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("from UserAccount a" + criteria.where + page.orderBy(COLUMNS, "a.id"),
                    UserAccount.class);
            criteria.parameters.forEach(query::setParameter);
            return query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        });
    }

    public Uni<Long> count(AccountFilter filter) {
        Criteria criteria = Criteria.of(filter);
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("select count(a) from UserAccount a" + criteria.where, Long.class);
            criteria.parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    private record Criteria(String where, Map<String, Object> parameters) {

        static Criteria of(AccountFilter filter) {
            // Service accounts are listed under /api/v1/service-accounts, never as users.
            StringBuilder where = new StringBuilder(" where a.kind = 'PERSON'");
            Map<String, Object> parameters = new HashMap<>();
            if (filter.text() != null) {
                where.append(" and (lower(a.username) like :text escape '\\' or lower(a.displayName) like :text escape '\\')");
                parameters.put("text", LikePatterns.containing(filter.text()));
            }
            if (filter.role() != null) {
                where.append(" and concat(',', a.roles, ',') like :role");
                parameters.put("role", "%," + filter.role().name() + ",%");
            }
            if (filter.unitId() != null) {
                where.append(" and a.unitId = :unit");
                parameters.put("unit", filter.unitId());
            }
            if (filter.active() != null) {
                where.append(" and a.active = :active");
                parameters.put("active", filter.active());
            }
            return new Criteria(where.toString(), parameters);
        }
    }
}
