package cn.keywork.supervision.task.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.task.domain.KeyTask;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskFilter;
import cn.keywork.supervision.task.domain.TaskPolicy;
import cn.keywork.supervision.task.domain.TaskStatus;
import cn.keywork.supervision.task.domain.TaskSummary;
import cn.keywork.supervision.web.LikePatterns;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * Queries over key tasks. Lists are one SQL statement each for the page and its count, scoped to
 * the caller's unit in the query itself; the text filter asks the bigram index of migration V31 (code and text).
 */
@ApplicationScoped
@WithSession
public class TaskRepository implements PanacheRepositoryBase<KeyTask, UUID> {

    /** Titles sort by pinyin (migration V11). */
    static final Map<String, String> COLUMNS = Map.of(
            "code", "t.code",
            "title", "pinyin_sortable(t.title) COLLATE zh_pinyin",
            "deadline", "t.deadline",
            "createdAt", "t.created_at",
            "updatedAt", "t.updated_at");

    /** The text a search reads, exactly as the bigram index (V31) and the former trigram index (V11) spell it. */
    private static final String SEARCHED = "(coalesce(t.code, '') || ' ' || t.title || ' ' || t.target || ' ' || t.content)";

    private static final String SUMMARY = "SELECT t.id, t.code, t.year, t.category, t.title, t.deadline, t.lead_unit_id, "
            + "t.leader_in_charge_id, t.status, t.version, t.created_at, t.updated_at FROM key_task t";

    /** A task within the caller's unit scope (lead or cooperating); null when absent or out of scope. */
    public Uni<KeyTask> findWithin(UUID id, Optional<UUID> scope) {
        if (scope.isEmpty()) {
            return findById(id);
        }
        return find("from KeyTask t where t.id = ?1 and (t.leadUnitId = ?2 or exists (select 1 from TaskCooperation c "
                + "where c.taskId = t.id and c.unitId = ?2))", id, scope.get()).firstResult();
    }

    public Uni<List<TaskSummary>> page(TaskFilter filter, Optional<UUID> scope, PageRequest page) {
        Criteria criteria = Criteria.of(filter, scope);
        return getSession().chain(session -> {
            var query = session.createNativeQuery(SUMMARY + criteria.where + page.orderBy(COLUMNS, "t.id")
                    + " LIMIT :limit OFFSET :offset", Object[].class);
            criteria.parameters.forEach(query::setParameter);
            return query.setParameter("limit", page.size()).setParameter("offset", page.offset()).getResultList();
        }).map(rows -> rows.stream().map(TaskRepository::summary).toList());
    }

    /**
     * A page and the number of all matches in one statement, for filters that read every match anyway
     * (a text search sorts its matches before it can cut the page). The number is null when the page
     * is past the end.
     */
    public Uni<CountedPage> countedPage(TaskFilter filter, Optional<UUID> scope, PageRequest page) {
        Criteria criteria = Criteria.of(filter, scope);
        return getSession().chain(session -> {
            var query = session.createNativeQuery(SUMMARY.replace(" FROM key_task t", ", count(*) OVER () FROM key_task t")
                    + criteria.where + page.orderBy(COLUMNS, "t.id") + " LIMIT :limit OFFSET :offset", Object[].class);
            criteria.parameters.forEach(query::setParameter);
            return query.setParameter("limit", page.size()).setParameter("offset", page.offset()).getResultList();
        }).map(rows -> new CountedPage(rows.stream().map(TaskRepository::summary).toList(),
                rows.isEmpty() ? null : ((Number) rows.get(0)[12]).longValue()));
    }

    public record CountedPage(List<TaskSummary> items, Long total) {
    }

    public Uni<Long> count(TaskFilter filter, Optional<UUID> scope) {
        Criteria criteria = Criteria.of(filter, scope);
        return getSession().chain(session -> {
            var query = session.createNativeQuery("SELECT count(*) FROM key_task t" + criteria.where, Long.class);
            criteria.parameters.forEach(query::setParameter);
            return query.getSingleResult();
        });
    }

    /**
     * Takes the next code number of a year and category. The row stays locked until the caller's
     * transaction ends: concurrent acceptances queue here, and a rollback gives the number back.
     */
    public Uni<Integer> takeCodeNumber(int year, TaskCategory category) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO task_code_counter (year, category, last_number) VALUES (:year, :category, 1)
                ON CONFLICT (year, category) DO UPDATE SET last_number = task_code_counter.last_number + 1
                RETURNING last_number""", Integer.class)
                .setParameter("year", year)
                .setParameter("category", category.name())
                .getSingleResult());
    }

    /** Tasks of a year and category in the register, optionally of one lead unit. */
    public Uni<Long> registered(int year, TaskCategory category, UUID leadUnitId) {
        String query = "year = ?1 and category = ?2 and status in ?3" + (leadUnitId == null ? "" : " and leadUnitId = ?4");
        List<TaskStatus> inRegister = List.copyOf(TaskPolicy.IN_REGISTER);
        return leadUnitId == null ? count(query, year, category, inRegister)
                : count(query, year, category, inRegister, leadUnitId);
    }

    private static TaskSummary summary(Object[] row) {
        return new TaskSummary((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(),
                TaskCategory.valueOf((String) row[3]), (String) row[4], (LocalDate) row[5], (UUID) row[6], (UUID) row[7],
                TaskStatus.valueOf((String) row[8]), ((Number) row[9]).longValue(), instant(row[10]), instant(row[11]));
    }

    /** The list's WHERE clause over {@code key_task t} (named parameters) and its values; the export reads with it too. */
    record Criteria(String where, Map<String, Object> parameters) {

        static Criteria of(TaskFilter filter, Optional<UUID> scope) {
            StringBuilder where = new StringBuilder(" WHERE true");
            Map<String, Object> parameters = new HashMap<>();
            scope.ifPresent(unit -> {
                where.append(" AND ").append(participates("scope", TaskFilter.UnitRole.ANY));
                parameters.put("scope", unit);
            });
            if (filter.unitId() != null) {
                where.append(" AND ").append(participates("unit",
                        filter.unitRole() == null ? TaskFilter.UnitRole.ANY : filter.unitRole()));
                parameters.put("unit", filter.unitId());
            }
            add(where, parameters, "year", "t.year = :year", filter.year());
            add(where, parameters, "category", "t.category = :category",
                    filter.category() == null ? null : filter.category().name());
            add(where, parameters, "status", "t.status = :status", filter.status() == null ? null : filter.status().name());
            if (filter.light() != null) {
                where.append(" AND EXISTS (SELECT 1 FROM progress_figure f WHERE f.task_id = t.id AND f.period = :period"
                        + " AND f.light = :light)");
                parameters.put("period", filter.period());
                parameters.put("light", filter.light());
            }
            add(where, parameters, "leader", "t.leader_in_charge_id = :leader", filter.leaderId());
            add(where, parameters, "from", "t.deadline >= :from", filter.deadlineFrom());
            add(where, parameters, "to", "t.deadline <= :to", filter.deadlineTo());
            if (filter.text() != null) {
                text(where, parameters, filter.text());
            }
            return new Criteria(where.toString(), parameters);
        }

        /**
         * The index finds the tasks whose text holds every bigram of the words (their one character
         * when they have one); the ILIKE then keeps those holding the words in a row. For one or two
         * characters the index's answer is already that, so the check is skipped (a condition on the
         * words alone, which the planner folds away when it plans with them). Both compare
         * lower-cased text: ILIKE lower-cases text and pattern with the database's lower(), so the
         * words are lower-cased here as the pattern is, then there.
         */
        private static void text(StringBuilder where, Map<String, Object> parameters, String text) {
            where.append(" AND search_grams(lower(").append(SEARCHED).append(")) @> search_query_grams(lower(:words))")
                    .append(" AND (char_length(lower(:words)) <= 2 OR ").append(SEARCHED).append(" ILIKE :text)");
            parameters.put("words", text.toLowerCase(Locale.ROOT));
            parameters.put("text", LikePatterns.containing(text));
        }

        private static String participates(String parameter, TaskFilter.UnitRole role) {
            String lead = "t.lead_unit_id = :" + parameter;
            String cooperating = "EXISTS (SELECT 1 FROM key_task_cooperation c WHERE c.task_id = t.id AND c.unit_id = :"
                    + parameter + ")";
            return switch (role) {
                case LEAD -> lead;
                case COOPERATING -> cooperating;
                case ANY -> "(" + lead + " OR " + cooperating + ")";
            };
        }

        private static void add(StringBuilder where, Map<String, Object> parameters, String name, String clause,
                Object value) {
            if (value != null) {
                where.append(" AND ").append(clause);
                parameters.put(name, value);
            }
        }
    }
}
