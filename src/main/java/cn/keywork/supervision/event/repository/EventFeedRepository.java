package cn.keywork.supervision.event.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.event.EventJson;
import cn.keywork.supervision.event.domain.FeedCursor;
import cn.keywork.supervision.event.domain.FeedEvent;
import cn.keywork.supervision.event.domain.FeedFilter;
import cn.keywork.supervision.event.domain.FeedPage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the event log in commit order, straight on the pool (read-only, one statement, no
 * session: the live stream polls it from outside any request). Only events of transactions older
 * than the oldest one still running are visible, so a position once passed never gains an event.
 */
@ApplicationScoped
public class EventFeedRepository {

    private static final String HORIZON = "pg_snapshot_xmin(pg_current_snapshot())";

    private static final String PAGE = """
            WITH page AS (
              SELECT e.tx_id, e.seq, e.type, %s AS cursor, cast(%s AS text) AS body
                FROM domain_event e
               WHERE (e.tx_id, e.seq) > (cast(cast($1 AS text) AS xid8), $2)
                 AND e.tx_id < %s
                 AND (cast($3 AS text[]) IS NULL OR e.type = ANY (cast($3 AS text[])))
                 AND (cast($4 AS uuid) IS NULL OR e.unit_ids && ARRAY[cast($4 AS uuid)])
               ORDER BY e.tx_id, e.seq
               LIMIT $5),
            newest AS (
              SELECT %s AS cursor FROM domain_event e WHERE e.tx_id < %s ORDER BY e.tx_id DESC, e.seq DESC LIMIT 1)
            SELECT p.cursor, p.type, p.body, (SELECT cursor FROM newest) AS newest
              FROM (SELECT 1) one LEFT JOIN page p ON true
             ORDER BY p.tx_id, p.seq""".formatted(EventJson.cursor("e"), EventJson.object("e"), HORIZON,
            EventJson.cursor("e"), HORIZON);

    private static final String NEWEST = """
            SELECT %s FROM domain_event e WHERE e.tx_id < %s ORDER BY e.tx_id DESC, e.seq DESC LIMIT 1"""
            .formatted(EventJson.cursor("e"), HORIZON);

    private final Pool pool;

    EventFeedRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * At most {@code limit} events after {@code after} that pass {@code filter}; the next cursor is
     * the last one's, or — when fewer matched — the newest visible position, so a narrow filter does
     * not scan the same events again.
     */
    public Uni<FeedPage> after(FeedCursor after, FeedFilter filter, int limit) {
        Tuple arguments = Tuple.tuple()
                .addString(after.txId().toString())
                .addLong(after.seq())
                .addArrayOfString(filter.types().isEmpty() ? null : filter.types().toArray(String[]::new))
                .addUUID(filter.unit().orElse(null))
                .addInteger(limit);
        return pool.preparedQuery(PAGE).execute(arguments).map(rows -> {
            List<FeedEvent> events = new ArrayList<>();
            String newest = null;
            for (Row row : rows) {
                newest = row.getString("newest");
                if (row.getString("cursor") != null) {
                    events.add(new FeedEvent(row.getString("cursor"), row.getString("type"), row.getString("body")));
                }
            }
            FeedCursor next;
            if (events.size() == limit) {
                next = FeedCursor.parse("after", events.get(events.size() - 1).cursor());
            } else if (newest != null) {
                FeedCursor visible = FeedCursor.parse("after", newest);
                next = later(visible, after);
            } else {
                next = after;
            }
            return new FeedPage(events, next);
        });
    }

    /** The newest visible position: where a follower that wants only what happens from now on starts. */
    public Uni<FeedCursor> newest() {
        return pool.query(NEWEST).execute().map(rows -> rows.size() == 0 ? FeedCursor.START
                : FeedCursor.parse("after", rows.iterator().next().getString(0)));
    }

    private static FeedCursor later(FeedCursor a, FeedCursor b) {
        int byTx = a.txId().compareTo(b.txId());
        return byTx > 0 || (byTx == 0 && a.seq() > b.seq()) ? a : b;
    }
}
