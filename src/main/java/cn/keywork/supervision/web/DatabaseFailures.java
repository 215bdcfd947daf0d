package cn.keywork.supervision.web;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/** Reads PostgreSQL's SQLSTATE out of a failure, however the persistence layers wrapped it. */
public final class DatabaseFailures {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK = "40P01";

    private DatabaseFailures() {
    }

    /** The SQLSTATE of the first database error among the causes, or null. */
    public static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (cause instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return null;
    }

    public static boolean is(Throwable failure, String sqlState) {
        return sqlState.equals(sqlState(failure));
    }
}
