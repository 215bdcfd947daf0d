package cn.keywork.supervision.security;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The sign-in token buckets in PostgreSQL ({@code sign_in_bucket}, V32), shared by every instance
 * on the database. One attempt is one statement on the pool, outside any transaction: an upsert
 * that refills each of its buckets by the time passed (the database's clock, so instances whose
 * clocks differ still agree), takes a token where there is one, and answers what is left. It locks
 * only the attempt's own rows, always in key order, so concurrent attempts on the same key queue
 * for a moment and each sees the other's take; attempts on other keys never wait.
 */
@ApplicationScoped
public class SignInBuckets {

    /** {@code $1} keys, {@code $2} their capacities per minute. A changed capacity starts the bucket afresh. */
    static final String TAKE = """
            INSERT INTO sign_in_bucket AS b (key, capacity, tokens, granted, updated_at)
            SELECT key, capacity, capacity - 1, capacity >= 1, clock_timestamp()
            FROM unnest($1::text[], $2::int[]) AS attempt (key, capacity)
            ORDER BY key
            ON CONFLICT (key) DO UPDATE SET (tokens, granted, capacity, updated_at) = (
                SELECT CASE WHEN refill.tokens >= 1 THEN refill.tokens - 1 ELSE refill.tokens END,
                       refill.tokens >= 1, EXCLUDED.capacity, EXCLUDED.updated_at
                FROM (SELECT CASE WHEN b.capacity <> EXCLUDED.capacity THEN EXCLUDED.capacity::double precision
                        ELSE LEAST(b.capacity::double precision, b.tokens + b.capacity / 60.0
                            * GREATEST(0, EXTRACT(EPOCH FROM EXCLUDED.updated_at - b.updated_at))::double precision)
                        END AS tokens) AS refill)
            RETURNING key, granted, tokens, capacity""";

    /** A bucket left alone for a minute is full again, the same as no row. */
    static final String FORGET_FULL = "DELETE FROM sign_in_bucket WHERE updated_at < clock_timestamp() - interval '1 minute'";

    private final Pool pool;

    SignInBuckets(Pool pool) {
        this.pool = pool;
    }

    /** One bucket's answer: whether the token was taken, and when not, the whole seconds until one is there. */
    public record Take(String key, boolean granted, long retryAfterSeconds) {
    }

    /** Takes one token from each key's bucket (capacity per minute each). */
    public Uni<List<Take>> take(List<String> keys, List<Integer> capacities) {
        return pool.preparedQuery(TAKE)
                .execute(Tuple.of(keys.toArray(String[]::new), capacities.toArray(Integer[]::new)))
                .map(rows -> {
                    List<Take> takes = new ArrayList<>();
                    for (Row row : rows) {
                        takes.add(new Take(row.getString("key"), row.getBoolean("granted"),
                                retryAfter(row.getDouble("tokens"), row.getInteger("capacity"))));
                    }
                    return takes;
                });
    }

    /** Seconds until the bucket holds a whole token again, at least 1. */
    static long retryAfter(double tokens, int capacity) {
        if (tokens >= 1) {
            return 0;
        }
        if (capacity <= 0) {
            return 60;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * 60.0 / capacity));
    }

    /** Deletes the buckets that are full again, set-based; harmless when several instances run it. */
    @Scheduled(every = "5m", delayed = "5m")
    Uni<Void> forgetFull() {
        return pool.query(FORGET_FULL).execute().replaceWithVoid();
    }
}
