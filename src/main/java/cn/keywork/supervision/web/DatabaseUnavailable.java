package cn.keywork.supervision.web;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;

import org.hibernate.JDBCException;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Failures that mean the database cannot be reached right now — refused, cut off, shutting down or
 * starting up — rather than a fault of the request: answered 503 with {@code Retry-After}.
 */
public final class DatabaseUnavailable {

    /** Seconds a client should wait before retrying; the embedded database is back within a few. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseUnavailable() {
    }

    public static boolean is(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof ClosedChannelException) {
                return true;
            }
            if (cause instanceof PgException pg && isUnavailable(pg.getSqlState())) {
                return true;
            }
            if (cause instanceof JDBCException jdbc && isUnavailable(jdbc.getSQLState())) {
                return true;
            }
            if (cause instanceof SQLException sql && isUnavailable(sql.getSQLState())) {
                return true;
            }
            String message = cause.getMessage();
            if (cause instanceof io.vertx.core.VertxException && message != null
                    && (message.contains("Connection is closed") || message.contains("Connection refused"))) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception) and 57P01–57P03 (shut down, crashed, cannot connect now). */
    static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }
}
