package cn.keywork.supervision.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The time values native queries exchange with PostgreSQL: {@code timestamptz} comes back as an
 * OffsetDateTime (or an Instant), {@code timestamp} as a LocalDateTime read as UTC; instants are
 * bound as UTC offsets. Null stays null both ways.
 */
public final class SqlValues {

    private SqlValues() {
    }

    /** A time read from a native query, as an instant. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        return (Instant) value;
    }

    /** An instant bound to a native query, as a UTC offset time. */
    public static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
