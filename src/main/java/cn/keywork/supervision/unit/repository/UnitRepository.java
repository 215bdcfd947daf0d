package cn.keywork.supervision.unit.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.unit.domain.OrgUnit;
import cn.keywork.supervision.unit.domain.UnitFilter;
import cn.keywork.supervision.unit.domain.UnitView;
import cn.keywork.supervision.web.LikePatterns;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Queries over units. Reads are projections joined in one statement: nothing is lazily loaded. */
@ApplicationScoped
@WithSession
public class UnitRepository implements PanacheRepositoryBase<OrgUnit, UUID> {

    /** Names sort by pinyin: the collation and reading fix-ups of migration V11. */
    static final String PINYIN = "collate(function('pinyin_sortable', %s) as zh_pinyin)";

    /** Sort field → query path, for each of {@link UnitFilter#SORT_FIELDS}. */
    static final Map<String, String> COLUMNS = Map.of(
            "code", "u.code",
            "name", PINYIN.formatted("u.name"),
            "shortName", PINYIN.formatted("u.shortName"),
            "type", "u.type",
            "createdAt", "u.createdAt",
            "updatedAt", "u.updatedAt");

    private static final String VIEW = """
            select new cn.keywork.supervision.unit.domain.UnitView(
                u.id, u.code, u.name, u.shortName, u.type, u.parentId, u.active, u.version, u.createdAt,
                u.updatedAt, c.supervisionBody, l.name, l.position)
            from OrgUnit u
            left join UnitContact c on c.unitId = u.id
            left join Liaison l on l.unitId = u.id and l.primary = true
            """;

    public Uni<Optional<UnitView>> findView(UUID id) {
        return getSession().chain(session -> session.createSelectionQuery(VIEW + " where u.id = :id", UnitView.class)
                .setParameter("id", id)
                .getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    public Uni<List<UnitView>> findViews(UnitFilter filter, PageRequest page) {
        Criteria criteria = Criteria.of(filter);
        return getSession().chain(session -> {
            var query = session.createSelectionQuery(VIEW + criteria.where + page.orderBy(COLUMNS, "u.id"), UnitView.class);
            criteria.parameters.forEach(query::setParameter);
            return query.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        });
    }

    public Uni<Long> countViews(UnitFilter filter) {
        Criteria criteria = Criteria.of(filter);
        return getSession().chain(session -> {
            var query = session.createSelectionQuery("select count(u) from OrgUnit u" + criteria.where, Long.class);
            criteria.parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    public Uni<Boolean> codeTaken(String code, UUID exceptId) {
        return count("code = ?1 and id <> ?2", code, exceptId == null ? new UUID(0, 0) : exceptId).map(n -> n > 0);
    }

    /** Whether {@code unitId} is {@code candidate} or one of its ancestors, walking up the parent chain. */
    public Uni<Boolean> isSelfOrAncestor(UUID unitId, UUID candidate) {
        return getSession().chain(session -> session.createNativeQuery("""
                WITH RECURSIVE chain(id, parent_id) AS (
                    SELECT id, parent_id FROM org_unit WHERE id = :candidate
                    UNION
                    SELECT o.id, o.parent_id FROM org_unit o JOIN chain ON o.id = chain.parent_id
                )
                SELECT count(*) FROM chain WHERE id = :unit""", Long.class)
                .setParameter("candidate", candidate)
                .setParameter("unit", unitId)
                .getSingleResult())
                .map(found -> found > 0);
    }

    /** The where clause of a filter and its parameters, so the page and its count agree. */
    private record Criteria(String where, Map<String, Object> parameters) {

        static Criteria of(UnitFilter filter) {
            StringBuilder where = new StringBuilder(" where 1 = 1");
            Map<String, Object> parameters = new HashMap<>();
            if (filter.text() != null) {
                where.append(" and (lower(u.code) like :text escape '\\' or lower(u.name) like :text escape '\\'"
                        + " or lower(u.shortName) like :text escape '\\')");
                parameters.put("text", LikePatterns.containing(filter.text()));
            }
            if (filter.type() != null) {
                where.append(" and u.type = :type");
                parameters.put("type", filter.type());
            }
            if (filter.active() != null) {
                where.append(" and u.active = :active");
                parameters.put("active", filter.active());
            }
            if (filter.parentId() != null) {
                where.append(" and u.parentId = :parentId");
                parameters.put("parentId", filter.parentId());
            }
            return new Criteria(where.toString(), parameters);
        }
    }
}
