package cn.keywork.supervision.briefing.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;
import static cn.keywork.supervision.persistence.SqlValues.offset;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.briefing.domain.BriefingData;
import cn.keywork.supervision.briefing.domain.BriefingFilter;
import cn.keywork.supervision.briefing.domain.BriefingRow;
import cn.keywork.supervision.briefing.domain.BriefingStatus;
import cn.keywork.supervision.briefing.domain.Quarter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The briefings' rows and the statement that takes their data, in plain SQL. */
@ApplicationScoped
@WithSession
public class BriefingRepository {

    private static final String COLUMNS = "SELECT b.id, trim(b.quarter), b.year, b.status, b.title, b.foreword, b.conclusions, "
            + "%s, b.computed_at, b.published_at, b.version, b.created_at, b.updated_at FROM briefing b WHERE true";
    private static final String WITH_DATA = COLUMNS.formatted("cast(b.data AS text)");
    private static final String WITHOUT_DATA = COLUMNS.formatted("cast(NULL AS text)");

    private final ObjectMapper json;

    BriefingRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The quarter's data as a jsonb document (see {@link BriefingSql}), one statement. */
    public Uni<String> data(Quarter quarter, OffsetDateTime from, OffsetDateTime to, int limit) {
        Quarter previous = quarter.previous();
        return Panache.getSession().chain(session -> session.createNativeQuery(BriefingSql.DATA, String.class)
                .setParameter("quarter", quarter.toString())
                .setParameter("period", quarter.lastMonth().toString())
                .setParameter("year", quarter.year())
                .setParameter("previousQuarter", previous.toString())
                .setParameter("previous", previous.lastMonth().toString())
                .setParameter("previousYear", previous.year())
                .setParameter("month1", quarter.firstMonth().toString())
                .setParameter("month2", quarter.firstMonth().plusMonths(1).toString())
                .setParameter("month3", quarter.lastMonth().toString())
                .setParameter("from", from).setParameter("to", to).setParameter("limit", limit)
                .getSingleResult());
    }

    /** Inserts the quarter's draft unless the quarter has one; answers whether it was inserted. */
    public Uni<Boolean> insert(UUID id, Quarter quarter, String title, String data, UUID draftedBy, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO briefing (id, quarter, year, status, title, data, computed_at, drafted_by, version, created_at,
                                      updated_at)
                VALUES (:id, :quarter, :year, 'DRAFT', :title, cast(cast(:data AS text) AS jsonb), :now, cast(:by AS uuid), 1, :now, :now)
                ON CONFLICT (quarter) DO NOTHING""")
                .setParameter("id", id).setParameter("quarter", quarter.toString()).setParameter("year", quarter.year())
                .setParameter("title", title).setParameter("data", data).setParameter("by", draftedBy)
                .setParameter("now", offset(now)).executeUpdate()).map(count -> count > 0);
    }

    /** The id of the quarter's briefing, or null. */
    public Uni<UUID> idOf(Quarter quarter) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT id FROM briefing WHERE quarter = :quarter", UUID.class)
                .setParameter("quarter", quarter.toString()).getResultList())
                .map(ids -> ids.isEmpty() ? null : ids.get(0));
    }

    /** The briefing, published ones only when asked; null when there is none. Locked until the transaction ends when asked. */
    public Uni<BriefingRow> find(UUID id, boolean publishedOnly, boolean lock) {
        String sql = WITH_DATA + " AND b.id = :id" + (publishedOnly ? " AND b.status = 'PUBLISHED'" : "")
                + (lock ? " FOR UPDATE" : "");
        return Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class).setParameter("id", id)
                .getResultList()).map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    private static String where(BriefingFilter filter, boolean publishedOnly) {
        StringBuilder where = new StringBuilder();
        if (publishedOnly) {
            where.append(" AND b.status = 'PUBLISHED'");
        }
        if (filter.year() != null) {
            where.append(" AND b.year = :year");
        }
        if (filter.status() != null) {
            where.append(" AND b.status = :status");
        }
        return where.toString();
    }

    private static void bind(org.hibernate.reactive.mutiny.Mutiny.SelectionQuery<?> query, BriefingFilter filter) {
        if (filter.year() != null) {
            query.setParameter("year", filter.year());
        }
        if (filter.status() != null) {
            query.setParameter("status", filter.status().name());
        }
    }

    /** One page of briefings without their data, newest quarter first. */
    public Uni<List<BriefingRow>> list(BriefingFilter filter, boolean publishedOnly, int limit, int offset) {
        String sql = WITHOUT_DATA + where(filter, publishedOnly) + " ORDER BY b.quarter DESC LIMIT :limit OFFSET :offset";
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class).setParameter("limit", limit)
                    .setParameter("offset", offset);
            bind(query, filter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(this::row).toList());
    }

    public Uni<Long> count(BriefingFilter filter, boolean publishedOnly) {
        String sql = "SELECT count(*) FROM briefing b WHERE true" + where(filter, publishedOnly);
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Long.class);
            bind(query, filter);
            return query.getSingleResult();
        });
    }

    /** Replaces the data snapshot, its version one up. */
    public Uni<Void> refresh(UUID id, String data, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE briefing SET data = cast(cast(:data AS text) AS jsonb), computed_at = :now, updated_at = :now, version = version + 1
                WHERE id = :id""").setParameter("id", id).setParameter("data", data).setParameter("now", offset(now))
                .executeUpdate()).replaceWithVoid();
    }

    /** Replaces the office's text, its version one up. */
    public Uni<Void> edit(UUID id, String title, String foreword, String conclusions, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE briefing SET title = :title, foreword = cast(:foreword AS varchar),
                       conclusions = cast(:conclusions AS varchar), updated_at = :now, version = version + 1
                WHERE id = :id""").setParameter("id", id).setParameter("title", title).setParameter("foreword", foreword)
                .setParameter("conclusions", conclusions).setParameter("now", offset(now)).executeUpdate()).replaceWithVoid();
    }

    public Uni<Void> publish(UUID id, UUID by, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE briefing SET status = 'PUBLISHED', published_by = cast(:by AS uuid), published_at = :now,
                       updated_at = :now, version = version + 1
                WHERE id = :id""").setParameter("id", id).setParameter("by", by).setParameter("now", offset(now))
                .executeUpdate()).replaceWithVoid();
    }

    private BriefingRow row(Object[] row) {
        return new BriefingRow((UUID) row[0], (String) row[1], ((Number) row[2]).intValue(),
                BriefingStatus.valueOf((String) row[3]), (String) row[4], (String) row[5], (String) row[6],
                data((String) row[7]), instant(row[8]), instant(row[9]), ((Number) row[10]).longValue(), instant(row[11]),
                instant(row[12]));
    }

    public BriefingData data(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, BriefingData.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A briefing's data could not be read", e);
        }
    }

}
