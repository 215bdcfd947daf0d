package cn.keywork.supervision.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import cn.keywork.supervision.api.model.FieldErrorDto;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Turns every failure into an RFC 9457 problem. Bodies name fields and positions, never classes,
 * SQL or stack traces; unexpected failures are logged with the request id and answered as a bare 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Java parameter names of headers, as the contract spells them. */
    private static final Map<String, String> HEADER_NAMES = Map.of(
            "ifMatch", "If-Match",
            "idempotencyKey", "Idempotency-Key");

    private final Instance<RefusalRecorder> refusals;
    private final FailureLog failureLog;

    public ProblemMappers(Instance<RefusalRecorder> refusals, FailureLog failureLog) {
        this.refusals = refusals;
        this.failureLog = failureLog;
    }

    @ServerExceptionMapper
    public Uni<Response> apiProblem(ApiProblem problem, HttpServerRequest request) {
        Response response = withHeaders(answer(request, problem.type(), problem.detail(), problem.errors()), problem);
        if (problem.type() != ProblemType.UNAUTHORIZED && problem.type() != ProblemType.FORBIDDEN) {
            return Uni.createFrom().item(response);
        }
        Uni<Void> recorded = refusals.isResolvable() && !problem.isRecorded()
                ? refusals.get().refused(problem.type(), request.method().name(), request.path(), problem.detail())
                        .onFailure().invoke(failure -> failureLog.error(LOG, failure, "Could not audit a refusal"))
                        .onFailure().recoverWithNull()
                : Uni.createFrom().voidItem();
        return recorded.map(nothing -> problem.type() == ProblemType.UNAUTHORIZED
                ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                : response);
    }

    private static Response withHeaders(Response response, ApiProblem problem) {
        if (problem.headers().isEmpty()) {
            return response;
        }
        Response.ResponseBuilder builder = Response.fromResponse(response);
        problem.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Uni<Response> notAuthenticated(AuthenticationFailedException e, HttpServerRequest request) {
        return apiProblem(new ApiProblem(ProblemType.UNAUTHORIZED, "The access token is missing, expired or invalid."), request);
    }

    @ServerExceptionMapper
    public Uni<Response> notAuthorized(UnauthorizedException e, HttpServerRequest request) {
        return apiProblem(new ApiProblem(ProblemType.UNAUTHORIZED, "Sign in to use this operation."), request);
    }

    @ServerExceptionMapper
    public Uni<Response> forbidden(ForbiddenException e, HttpServerRequest request) {
        return apiProblem(new ApiProblem(ProblemType.FORBIDDEN, "This operation is not open to your role."), request);
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException violations, HttpServerRequest request) {
        boolean aboutTheAnswer = violations.getConstraintViolations().stream()
                .anyMatch(violation -> violation.getPropertyPath().toString().contains("<return value>"));
        if (aboutTheAnswer) {
            return unexpected(violations, request);
        }
        return invalidFields(violations, request);
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException violations, HttpServerRequest request) {
        List<FieldErrorDto> errors = violations.getConstraintViolations().stream()
                .map(ProblemMappers::fieldError)
                .sorted((a, b) -> a.getField().compareTo(b.getField()))
                .toList();
        ApiProblem problem = ApiProblem.invalid(errors);
        return answer(request, problem.type(), problem.detail(), problem.errors());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, HttpServerRequest request) {
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return invalid(request, "body", FieldErrorCode.SYNTAX, "Malformed JSON" + where + ".");
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return invalid(request, path(e), FieldErrorCode.UNKNOWN_FIELD,
                "Unknown field '" + Excerpts.of(e.getPropertyName()) + "'.");
    }

    @ServerExceptionMapper
    public Response refusedText(InputRules.RefusedText e, HttpServerRequest request) {
        return invalid(request, path(e), FieldErrorCode.FORMAT,
                "Text must not hold NUL, control characters other than tab and line breaks, or unpaired surrogates.");
    }

    @ServerExceptionMapper
    public Response refusedNumber(InputRules.RefusedNumber e, HttpServerRequest request) {
        return invalid(request, path(e), FieldErrorCode.RANGE, "Out of range.");
    }

    @ServerExceptionMapper
    public Response nullValue(InvalidNullException e, HttpServerRequest request) {
        return invalid(request, path(e), FieldErrorCode.REQUIRED, "Must not be null.");
    }

    @ServerExceptionMapper
    public Response tooLong(StreamConstraintsException e, HttpServerRequest request) {
        return invalid(request, "body", FieldErrorCode.RANGE, "A number is longer than "
                + InputRules.MAX_NUMBER_LENGTH + " characters, or a value is larger than the service reads.");
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, HttpServerRequest request) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return invalid(request, path(e), FieldErrorCode.UNKNOWN_VALUE, "Must be one of " + enumValues(target) + ".");
        }
        return invalid(request, path(e), FieldErrorCode.TYPE, "Must be " + describe(target) + ".");
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        String field = path(e);
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Missing required creator property")) {
            String name = message.replaceAll("^[^']*'([^']*)'.*$", "$1");
            String missing = field.equals("body") ? name : field.equals(name) || field.endsWith("." + name) ? field : field + "." + name;
            return invalid(request, missing, FieldErrorCode.REQUIRED, "Required.");
        }
        if (field.equals("body")) {
            return invalid(request, field, FieldErrorCode.TYPE, "The body must be a JSON object.");
        }
        return invalid(request, field, FieldErrorCode.TYPE, "Must be " + describe(e.getTargetType()) + ".");
    }

    @ServerExceptionMapper
    public Response failedCreator(ValueInstantiationException e, HttpServerRequest request) {
        Class<?> target = e.getType() == null ? null : e.getType().getRawClass();
        if (target != null && target.isEnum()) {
            return invalid(request, path(e), FieldErrorCode.UNKNOWN_VALUE, "Must be one of " + enumValues(target) + ".");
        }
        return invalid(request, path(e), FieldErrorCode.TYPE, "Invalid value.");
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e, HttpServerRequest request) {
        return invalid(request, path(e), FieldErrorCode.TYPE, "Invalid value.");
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, HttpServerRequest request) {
        return invalid(request, "body", FieldErrorCode.SYNTAX, "Malformed JSON.");
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e, HttpServerRequest request, SimpleResourceInfo resource,
            UriInfo uri) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return mapJson(json, request);
        }
        if (cause != null && (status == 404 || status == 400) && resource != null) {
            List<FieldErrorDto> errors = ParameterChecks.failures(resource, request, pathValues(uri));
            if (!errors.isEmpty()) {
                ApiProblem problem = ApiProblem.invalid(errors);
                return answer(request, problem.type(), problem.detail(), problem.errors());
            }
        }
        ProblemType type = ProblemType.forStatus(status);
        Response response = answer(request, type, frameworkDetail(type, request), List.of());
        if (e instanceof NotAllowedException && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW))
                    .build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response staleVersion(StaleStateException e, HttpServerRequest request) {
        return answer(request, ProblemType.PRECONDITION_FAILED,
                "The resource was changed by someone else meanwhile: read it again, then retry.", List.of());
    }

    /** Constraint failures that slipped past the services' own checks (races) answer 409, not 500. */
    private static Response database(String sqlState, HttpServerRequest request) {
        return switch (sqlState) {
            case DatabaseFailures.UNIQUE_VIOLATION -> answer(request, ProblemType.CONFLICT,
                    "The change would duplicate an existing record.", List.of());
            case DatabaseFailures.FOREIGN_KEY_VIOLATION -> answer(request, ProblemType.CONFLICT,
                    "The change would break a reference between records.", List.of());
            case DatabaseFailures.SERIALIZATION_FAILURE, DatabaseFailures.DEADLOCK -> answer(request, ProblemType.CONFLICT,
                    "A concurrent change got in the way: retry.", List.of());
            default -> null;
        };
    }

    /**
     * Values the database refused that the validation should have caught: a 4xx naming the column
     * where PostgreSQL names one, never a 500 (the failure is still logged, since it shows a gap).
     */
    private static Response refusedValue(String sqlState, Throwable failure, HttpServerRequest request) {
        boolean badValue = sqlState.startsWith(DatabaseFailures.DATA_EXCEPTION_CLASS)
                || sqlState.equals(DatabaseFailures.NOT_NULL_VIOLATION) || sqlState.equals(DatabaseFailures.CHECK_VIOLATION);
        if (!badValue && !sqlState.startsWith(DatabaseFailures.INTEGRITY_CONSTRAINT_CLASS)) {
            return null;
        }
        LOG.warnf("The database refused a value (SQLSTATE %s) on %s %s", sqlState, request.method(), request.path());
        if (!badValue) {
            return answer(request, ProblemType.CONFLICT, "The change would break a rule between records.", List.of());
        }
        String column = DatabaseFailures.column(failure);
        return invalid(request, column == null ? "body" : Excerpts.of(column), FieldErrorCode.RULE,
                "A value cannot be stored as given (too long, out of range or holding characters that are not allowed).");
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
        return answer(request, ProblemType.INTERNAL,
                "The service failed to answer. Quote the request id when reporting it.", List.of());
    }

    /** The database is down or restarting: 503 with Retry-After, so that clients retry; never a 500. */
    private static Response databaseUnavailable(HttpServerRequest request) {
        return Response.fromResponse(answer(request, ProblemType.UNAVAILABLE,
                "The database cannot be reached for a moment; retry shortly.", List.of()))
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).build();
    }

    private Response mapCause(Throwable cause, HttpServerRequest request) {
        if (cause instanceof ApiProblem problem) {
            return answer(request, problem.type(), problem.detail(), problem.errors());
        }
        if (cause instanceof StaleStateException stale) {
            return staleVersion(stale, request);
        }
        if (cause instanceof jakarta.persistence.OptimisticLockException) {
            return staleVersion(new StaleStateException("optimistic lock"), request);
        }
        String sqlState = DatabaseFailures.sqlState(cause);
        if (sqlState != null) {
            Response known = database(sqlState, request);
            return known != null ? known : refusedValue(sqlState, cause, request);
        }
        if (cause instanceof JsonProcessingException json) {
            return mapJson(json, request);
        }
        return null;
    }

    private Response mapJson(JsonProcessingException json, HttpServerRequest request) {
        if (json instanceof InputRules.RefusedText text) {
            return refusedText(text, request);
        }
        if (json instanceof InputRules.RefusedNumber number) {
            return refusedNumber(number, request);
        }
        if (json instanceof InvalidNullException nullElement) {
            return nullValue(nullElement, request);
        }
        if (json instanceof StreamConstraintsException tooLong) {
            return tooLong(tooLong, request);
        }
        if (json instanceof JsonParseException parse) {
            return malformedJson(parse, request);
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, request);
        }
        if (json instanceof InvalidFormatException format) {
            return wrongValue(format, request);
        }
        if (json instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch, request);
        }
        if (json instanceof ValueInstantiationException creator) {
            return failedCreator(creator, request);
        }
        if (json instanceof JsonMappingException mapping) {
            return otherMapping(mapping, request);
        }
        return otherJson(json, request);
    }

    private static Map<String, String> pathValues(UriInfo uri) {
        Map<String, String> values = new java.util.HashMap<>();
        if (uri != null) {
            uri.getPathParameters().forEach((name, list) -> values.put(name, list.isEmpty() ? null : list.get(0)));
        }
        return values;
    }

    /** The first cause in the chain that the service knows how to answer, else the root cause. */
    private static Throwable significantCause(Throwable failure) {
        Throwable current = failure;
        while (true) {
            if (current instanceof ApiProblem || current instanceof org.hibernate.JDBCException
                    || current instanceof io.vertx.pgclient.PgException || current instanceof StaleStateException
                    || current instanceof jakarta.persistence.OptimisticLockException
                    || current instanceof JsonProcessingException) {
                return current;
            }
            if (current.getCause() == null || current.getCause() == current) {
                return current;
            }
            current = current.getCause();
        }
    }

    private static String frameworkDetail(ProblemType type, HttpServerRequest request) {
        return switch (type) {
            case NOT_FOUND -> "Nothing is at " + Excerpts.of(request.path()) + ".";
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + Excerpts.of(request.path()) + ".";
            case NOT_ACCEPTABLE -> "This operation answers application/json; adjust the Accept header.";
            case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            default -> "The request could not be processed.";
        };
    }

    private static Response invalid(HttpServerRequest request, String field, FieldErrorCode code, String message) {
        ApiProblem problem = ApiProblem.invalid(field, code, message);
        return answer(request, problem.type(), problem.detail(), problem.errors());
    }

    static Response answer(HttpServerRequest request, ProblemType type, String detail, List<FieldErrorDto> errors) {
        return Problems.response(type, detail, errors, request.path(), RequestIds.of(request));
    }

    private static FieldErrorDto fieldError(ConstraintViolation<?> violation) {
        return ApiProblem.fieldError(fieldName(violation.getPropertyPath()), codeOf(violation), violation.getMessage());
    }

    /** {@code createUnit.unitInputDto.liaisons[0].email} → {@code liaisons[0].email}; a header → its HTTP name. */
    static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            String name = node.getName();
            if (name == null) {
                continue;
            }
            String indexed = node.getIndex() != null ? "[" + node.getIndex() + "]" : "";
            if (node.isInIterable() && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + (node.getIndex() != null ? "[" + node.getIndex() + "]" : ""));
                parts.add(name);
            } else {
                parts.add(name + indexed);
            }
        }
        if (!parts.isEmpty()) {
            return String.join(".", parts);
        }
        if (parameter == null) {
            return "body";
        }
        if (parameter.endsWith("Dto")) {
            return "body";
        }
        return HEADER_NAMES.getOrDefault(parameter, parameter);
    }

    private static FieldErrorCode codeOf(ConstraintViolation<?> violation) {
        String annotation = violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (annotation) {
            case "NotNull", "NotEmpty", "NotBlank" -> FieldErrorCode.REQUIRED;
            case "Size" -> FieldErrorCode.SIZE;
            case "Pattern" -> FieldErrorCode.PATTERN;
            case "Min", "Max", "DecimalMin", "DecimalMax", "Positive", "PositiveOrZero" -> FieldErrorCode.RANGE;
            case "Email" -> FieldErrorCode.FORMAT;
            default -> FieldErrorCode.RULE;
        };
    }

    static String path(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (field.length() > 0) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.length() == 0 ? "body" : field.toString();
    }

    private static String enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static String describe(Class<?> target) {
        if (target == null) {
            return "a value of another type";
        }
        if (Boolean.class == target || boolean.class == target) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return "a number";
        }
        if (java.util.UUID.class == target) {
            return "a UUID";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return "an RFC 3339 date or time";
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        if (String.class == target) {
            return "a string";
        }
        return "an object";
    }
}
