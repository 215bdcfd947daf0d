package cn.keywork.supervision.web;

import jakarta.ws.rs.core.Response;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.vertx.core.http.HttpServerRequest;

/**
 * What the database refuses: a stale version answers 412, a constraint that slipped past the
 * services' own checks (races) 409, a value the validation should have caught 400 — never a 500.
 */
public class PersistenceProblemMappers {

    private static final Logger LOG = Logger.getLogger(PersistenceProblemMappers.class);

    @ServerExceptionMapper
    public Response staleVersion(StaleStateException e, HttpServerRequest request) {
        return stale(request);
    }

    static Response stale(HttpServerRequest request) {
        return ProblemAnswers.answer(request, ProblemType.PRECONDITION_FAILED, WebMessage.STALE_VERSION);
    }

    /** The answer to a failure of the database layer, or null if {@code cause} is none. */
    static Response map(Throwable cause, HttpServerRequest request) {
        if (cause instanceof StaleStateException || cause instanceof jakarta.persistence.OptimisticLockException) {
            return stale(request);
        }
        String sqlState = DatabaseFailures.sqlState(cause);
        if (sqlState == null) {
            return null;
        }
        Response known = constraint(sqlState, request);
        return known != null ? known : refusedValue(sqlState, cause, request);
    }

    static boolean knows(Throwable failure) {
        return failure instanceof org.hibernate.JDBCException || failure instanceof io.vertx.pgclient.PgException
                || failure instanceof StaleStateException || failure instanceof jakarta.persistence.OptimisticLockException;
    }

    private static Response constraint(String sqlState, HttpServerRequest request) {
        return switch (sqlState) {
            case DatabaseFailures.UNIQUE_VIOLATION -> ProblemAnswers.answer(request, ProblemType.CONFLICT,
                    WebMessage.DUPLICATE_RECORD);
            case DatabaseFailures.FOREIGN_KEY_VIOLATION -> ProblemAnswers.answer(request, ProblemType.CONFLICT,
                    WebMessage.BROKEN_REFERENCE);
            case DatabaseFailures.SERIALIZATION_FAILURE, DatabaseFailures.DEADLOCK -> ProblemAnswers.answer(request,
                    ProblemType.CONFLICT, WebMessage.CONCURRENT_CHANGE);
            default -> null;
        };
    }

    /**
     * Values the database refused that the validation should have caught: a 4xx naming the column
     * where PostgreSQL names one (the failure is still logged, since it shows a gap).
     */
    private static Response refusedValue(String sqlState, Throwable failure, HttpServerRequest request) {
        boolean badValue = sqlState.startsWith(DatabaseFailures.DATA_EXCEPTION_CLASS)
                || sqlState.equals(DatabaseFailures.NOT_NULL_VIOLATION) || sqlState.equals(DatabaseFailures.CHECK_VIOLATION);
        if (!badValue && !sqlState.startsWith(DatabaseFailures.INTEGRITY_CONSTRAINT_CLASS)) {
            return null;
        }
        LOG.warnf("The database refused a value (SQLSTATE %s) on %s %s", sqlState, request.method(), request.path());
        if (!badValue) {
            return ProblemAnswers.answer(request, ProblemType.CONFLICT, WebMessage.BROKEN_RULE);
        }
        String column = DatabaseFailures.column(failure);
        return ProblemAnswers.invalid(request, column == null ? "body" : Excerpts.of(column), FieldErrorCode.RULE,
                WebMessage.VALUE_NOT_STORABLE);
    }
}
