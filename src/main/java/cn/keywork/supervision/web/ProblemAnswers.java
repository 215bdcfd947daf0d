package cn.keywork.supervision.web;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.model.FieldErrorDto;
import cn.keywork.supervision.api.model.ProblemDto;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainException;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.MessageKey;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.persistence.IdempotencyKeyReused;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers a refusal as a problem in the reader's language: title, detail and field messages from
 * the catalogue in the language {@code Accept-Language} asks for (zh-CN by default), told in
 * {@code Content-Language}; {@code type} and field codes stay the same for programs.
 */
public final class ProblemAnswers {

    private ProblemAnswers() {
    }

    public static Locale locale(HttpServerRequest request) {
        return ProblemCatalog.choose(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    public static Response answer(HttpServerRequest request, ApiProblem problem) {
        Locale locale = locale(request);
        Response.ResponseBuilder answer = Response.status(problem.type().status())
                .type(Problems.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, ProblemCatalog.tag(locale))
                .entity(withMembers(body(problem, locale, request.path(), RequestIds.of(request)), problem.members()));
        problem.headers().forEach(answer::header);
        return answer.build();
    }

    public static Response answer(HttpServerRequest request, ProblemType type, MessageKey detail, Object... arguments) {
        return answer(request, new ApiProblem(type, detail, arguments));
    }

    public static Response invalid(HttpServerRequest request, String field, FieldErrorCode code, MessageKey message,
            Object... arguments) {
        return answer(request, ApiProblem.invalid(field, code, message, arguments));
    }

    /** The body as it is, or with the problem's extra members after the usual ones. */
    static Object withMembers(ProblemDto body, java.util.Map<String, String> members) {
        if (members.isEmpty()) {
            return body;
        }
        java.util.Map<String, Object> extended = new java.util.LinkedHashMap<>();
        extended.put("type", body.getType());
        extended.put("title", body.getTitle());
        extended.put("status", body.getStatus());
        putIfPresent(extended, "detail", body.getDetail());
        putIfPresent(extended, "instance", body.getInstance());
        putIfPresent(extended, "requestId", body.getRequestId());
        putIfPresent(extended, "errors", body.getErrors());
        extended.putAll(members);
        return extended;
    }

    private static void putIfPresent(java.util.Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    public static ProblemDto body(ApiProblem problem, Locale locale, String instance, String requestId) {
        return Problems.body(problem.type(), locale, detail(problem, locale), errors(problem, locale), instance, requestId);
    }

    public static String detail(ApiProblem problem, Locale locale) {
        String text = problem.key() == null ? problem.detail()
                : ProblemCatalog.text(locale, problem.key(), arguments(problem.arguments(), locale));
        return problem.where() == null || !problem.errors().isEmpty() ? text : problem.where() + ": " + text;
    }

    public static List<FieldErrorDto> errors(ApiProblem problem, Locale locale) {
        return problem.errors().stream()
                .map(error -> problem.where() == null ? error : error.at(problem.where()))
                .map(error -> new FieldErrorDto(error.field(), error.code().name(), message(error, locale)))
                .toList();
    }

    static String message(FieldProblem error, Locale locale) {
        return error.key() == null ? error.text() : ProblemCatalog.text(locale, error.key(), error.arguments());
    }

    /** One line for a person: the first field error ("field: message"), or the detail. */
    public static String summary(ApiProblem problem, Locale locale) {
        List<FieldErrorDto> errors = errors(problem, locale);
        return errors.isEmpty() ? detail(problem, locale) : errors.get(0).getField() + ": " + errors.get(0).getMessage();
    }

    private static List<Object> arguments(List<Object> arguments, Locale locale) {
        return arguments.stream().map(argument -> argument instanceof DomainException refusal
                ? summary(of(refusal), locale)
                : argument instanceof ApiProblem nested ? summary(nested, locale) : argument).toList();
    }

    /** The problem that tells a refusal of the domain: its code picks the message, its kind the status. */
    public static ApiProblem of(DomainException refusal) {
        ApiProblem problem;
        if (refusal instanceof InvalidInput invalid) {
            problem = ApiProblem.invalid(invalid.violations().stream()
                    .map(violation -> new FieldProblem(violation.field(), FieldErrorCode.valueOf(violation.reason().name()),
                            violation.message(), violation.arguments(), null))
                    .toList());
        } else {
            problem = new ApiProblem(typeOf(refusal), refusal.code(), refusal.arguments().toArray());
        }
        return refusal.where() == null ? problem : problem.at(refusal.where());
    }

    static ProblemType typeOf(DomainException refusal) {
        if (refusal instanceof NotFound) {
            return ProblemType.NOT_FOUND;
        }
        if (refusal instanceof IdempotencyKeyReused) {
            return ProblemType.IDEMPOTENCY_KEY_REUSED;
        }
        if (refusal instanceof NotPermitted) {
            return ProblemType.FORBIDDEN;
        }
        if (refusal instanceof cn.keywork.supervision.domain.TooLarge) {
            return ProblemType.PAYLOAD_TOO_LARGE;
        }
        if (refusal instanceof cn.keywork.supervision.domain.UnsupportedContent) {
            return ProblemType.UNSUPPORTED_MEDIA_TYPE;
        }
        if (refusal instanceof cn.keywork.supervision.domain.RangeNotSatisfiable) {
            return ProblemType.RANGE_NOT_SATISFIABLE;
        }
        if (refusal instanceof RuleViolation || refusal instanceof Conflict) {
            return ProblemType.CONFLICT;
        }
        return ProblemType.VALIDATION;
    }
}
