package cn.keywork.supervision.web;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;

/** Reads PostgreSQL's SQLSTATE out of a failure, however the persistence layers wrapped it. */
public final class DatabaseFailures {

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String FOREIGN_KEY_VIOLATION = "23503";
    public static final String SERIALIZATION_FAILURE = "40001";
    public static final String DEADLOCK = "40P01";
    /** Class 22: a value the column cannot hold (too long, out of range, NUL in text, bad encoding). */
    public static final String DATA_EXCEPTION_CLASS = "22";
    /** Class 23: a constraint of the schema refused the change. */
    public static final String INTEGRITY_CONSTRAINT_CLASS = "23";
    public static final String NOT_NULL_VIOLATION = "23502";
    public static final String CHECK_VIOLATION = "23514";

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

    /** The column PostgreSQL named in the first database error among the causes, or null (it often names none). */
    public static String column(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof PgException pg) {
                return pg.getColumn();
            }
        }
        return null;
    }
}
