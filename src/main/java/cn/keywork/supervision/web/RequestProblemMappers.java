package cn.keywork.supervision.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.vertx.core.http.HttpServerRequest;

/**
 * What the HTTP framework refuses on its own (no such path, method not allowed, media types, a
 * parameter it cannot convert), answered as a problem that says which.
 */
public class RequestProblemMappers {

    private final JsonProblemMappers json;
    private final UnexpectedProblemMappers unexpected;

    public RequestProblemMappers(JsonProblemMappers json, UnexpectedProblemMappers unexpected) {
        this.json = json;
        this.unexpected = unexpected;
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request, SimpleResourceInfo resource,
            UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected.unexpected(e, request);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException failure) {
            return json.map(failure, request);
        }
        if (cause != null && (status == 404 || status == 400) && resource != null) {
            List<FieldProblem> errors = ParameterChecks.failures(resource, request, pathValues(uri));
            if (!errors.isEmpty()) {
                return ProblemAnswers.answer(request, ApiProblem.invalid(errors));
            }
        }
        ProblemType type = ProblemType.forStatus(status);
        Response response = ProblemAnswers.answer(request, detail(type, request));
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        return response;
    }

    private static Map<String, String> pathValues(UriInfo uri) {
        Map<String, String> values = new java.util.HashMap<>();
        if (uri != null) {
            uri.getPathParameters().forEach((name, list) -> values.put(name, list.isEmpty() ? null : list.get(0)));
        }
        return values;
    }

    private static ApiProblem detail(ProblemType type, HttpServerRequest request) {
        return switch (type) {
            case NOT_FOUND -> new ApiProblem(type, WebMessage.PATH_NOT_FOUND, Excerpts.of(request.path()));
            case METHOD_NOT_ALLOWED -> new ApiProblem(type, WebMessage.METHOD_NOT_ALLOWED, request.method().name(),
                    Excerpts.of(request.path()));
            case NOT_ACCEPTABLE -> new ApiProblem(type, WebMessage.NOT_ACCEPTABLE);
            case UNSUPPORTED_MEDIA_TYPE -> new ApiProblem(type, WebMessage.UNSUPPORTED_MEDIA_TYPE);
            case PAYLOAD_TOO_LARGE -> new ApiProblem(type, WebMessage.BODY_TOO_LARGE);
            default -> new ApiProblem(type, WebMessage.NOT_PROCESSED);
        };
    }
}
