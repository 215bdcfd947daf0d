package cn.keywork.supervision.web;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import cn.keywork.supervision.domain.DomainException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refusals: the service's own problems, the domain's rules and the security layer's 401 and 403.
 * Every 401 and 403 is kept in the audit trail (in English, so the trail reads the same whatever
 * language the client asked for).
 */
public class RefusalProblemMappers {

    private static final Logger LOG = Logger.getLogger(RefusalProblemMappers.class);

    private final Instance<RefusalRecorder> refusals;
    private final FailureLog failureLog;

    public RefusalProblemMappers(Instance<RefusalRecorder> refusals, FailureLog failureLog) {
        this.refusals = refusals;
        this.failureLog = failureLog;
    }

    @ServerExceptionMapper
    public Uni<Response> apiProblem(ApiProblem problem, HttpServerRequest request) {
        Response response = ProblemAnswers.answer(request, problem);
        if (problem.type() != ProblemType.UNAUTHORIZED && problem.type() != ProblemType.FORBIDDEN) {
            return Uni.createFrom().item(response);
        }
        Uni<Void> recorded = refusals.isResolvable() && !problem.isRecorded()
                ? refusals.get().refused(problem.type(), request.method().name(), request.path(),
                        ProblemAnswers.detail(problem, ProblemCatalog.ENGLISH))
                        .onFailure().invoke(failure -> failureLog.error(LOG, failure, "Could not audit a refusal"))
                        .onFailure().recoverWithNull()
                : Uni.createFrom().voidItem();
        // A refusal that names its own scheme (HTTP Basic at the token endpoint) keeps it.
        return recorded.map(nothing -> problem.type() == ProblemType.UNAUTHORIZED
                && !problem.headers().containsKey(HttpHeaders.WWW_AUTHENTICATE)
                ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                : response);
    }

    @ServerExceptionMapper
    public Uni<Response> domainRefusal(DomainException refusal, HttpServerRequest request) {
        Uni<Response> answer = apiProblem(ProblemAnswers.of(refusal), request);
        if (refusal instanceof cn.keywork.supervision.domain.RangeNotSatisfiable range) {
            return answer.map(response -> Response.fromResponse(response).header("Content-Range", "bytes */" + range.size())
                    .build());
        }
        return answer;
    }

    @ServerExceptionMapper
    public Uni<Response> notAuthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        return apiProblem(new ApiProblem(ProblemType.UNAUTHORIZED, WebMessage.TOKEN_INVALID), request);
    }

    @ServerExceptionMapper
    public Uni<Response> notAuthorized(UnauthorizedException e, HttpServerRequest request) {
        return apiProblem(new ApiProblem(ProblemType.UNAUTHORIZED, WebMessage.SIGN_IN_REQUIRED), request);
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, HttpServerRequest request) {
        return apiProblem(new ApiProblem(ProblemType.FORBIDDEN, WebMessage.ROLE_NOT_ALLOWED), request);
    }
}
