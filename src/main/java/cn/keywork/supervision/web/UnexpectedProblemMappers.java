package cn.keywork.supervision.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import cn.keywork.supervision.domain.DomainException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Everything else: a known failure wrapped in another is answered as itself; the database being
 * away answers 503 with Retry-After; the rest is logged with the request id and answered as a
 * bare 500 that names no class, SQL or stack trace.
 */
public class UnexpectedProblemMappers {

    private static final Logger LOG = Logger.getLogger(UnexpectedProblemMappers.class);

    private final FailureLog failureLog;
    private final JsonProblemMappers json = new JsonProblemMappers();

    public UnexpectedProblemMappers(FailureLog failureLog) {
        this.failureLog = failureLog;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable failure, HttpServerRequest request) {
        if (DatabaseUnavailable.is(failure)) {
            return databaseUnavailable(request);
        }
        Throwable significant = significantCause(failure);
        if (!(significant instanceof Error)) {
            Response mapped = mapCause(significant, request);
            if (mapped != null) {
                return mapped;
            }
        }
        failureLog.error(LOG, failure, "Unexpected failure on " + request.method() + " " + request.path());
        return ProblemAnswers.answer(request, ProblemType.INTERNAL, WebMessage.INTERNAL);
    }

    /** The database is down or restarting: 503 with Retry-After, so that clients retry; never a 500. */
    private static Response databaseUnavailable(HttpServerRequest request) {
        return Response.fromResponse(ProblemAnswers.answer(request, ProblemType.UNAVAILABLE, WebMessage.DATABASE_UNAVAILABLE))
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
    }

    private Response mapCause(Throwable cause, HttpServerRequest request) {
        if (cause instanceof ApiProblem problem) {
            return ProblemAnswers.answer(request, problem);
        }
        if (cause instanceof DomainException refusal) {
            return ProblemAnswers.answer(request, ProblemAnswers.of(refusal));
        }
        if (cause instanceof JsonProcessingException failure) {
            return json.map(failure, request);
        }
        return PersistenceProblemMappers.map(cause, request);
    }

    /** The first cause in the chain that the service knows how to answer, else the root cause. */
    private static Throwable significantCause(Throwable failure) {
        Throwable current = failure;
        while (true) {
            if (current instanceof ApiProblem || current instanceof DomainException || current instanceof JsonProcessingException
                    || PersistenceProblemMappers.knows(current)) {
                return current;
            }
            if (current.getCause() == null || current.getCause() == current) {
                return current;
            }
            current = current.getCause();
        }
    }
}
