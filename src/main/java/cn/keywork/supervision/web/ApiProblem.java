package cn.keywork.supervision.web;

import java.util.Arrays;
import java.util.List;

import jakarta.ws.rs.WebApplicationException;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.MessageKey;

/**
 * A refusal the client can act on, answered as an RFC 9457 problem. It extends
 * {@link WebApplicationException} so that the REST layer passes it through unchanged, also from
 * parameter conversion. No stack trace is captured: it is an answer, not a fault.
 * <p>
 * Its detail is a key of the message catalogue with arguments, told in the reader's language
 * when answered; or a text already worded (in English) where no key exists yet.
 */
public class ApiProblem extends WebApplicationException {

    private final ProblemType type;
    private final String detail;
    private final MessageKey key;
    private final List<Object> arguments;
    private final List<FieldProblem> errors;
    private String where;
    private boolean recorded;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, null, List.of(), List.of());
    }

    /** A problem whose detail is told from the catalogue; arguments may be nested refusals, told by their summary. */
    public ApiProblem(ProblemType type, MessageKey key, Object... arguments) {
        this(type, null, key, Arrays.stream(arguments).map(ApiProblem::argument).toList(), List.of());
    }

    /** Kept as given when it can be told itself (a nested refusal), else as its text (no digit grouping). */
    private static Object argument(Object value) {
        return value instanceof ApiProblem || value instanceof cn.keywork.supervision.domain.DomainException ? value
                : String.valueOf(value);
    }

    private ApiProblem(ProblemType type, String detail, MessageKey key, List<Object> arguments, List<FieldProblem> errors) {
        super(detail != null ? detail : key.key(), null, type.status());
        this.type = type;
        this.detail = detail;
        this.key = key;
        this.arguments = List.copyOf(arguments);
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(ProblemType.NOT_FOUND, "No " + what + " " + id + ".");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(ProblemType.CONFLICT, detail);
    }

    public static ApiProblem invalid(String field, FieldErrorCode code, String message) {
        return invalid(List.of(FieldProblem.worded(field, code, message)));
    }

    public static ApiProblem invalid(String field, FieldErrorCode code, MessageKey message, Object... arguments) {
        return invalid(List.of(FieldProblem.keyed(field, code, message, arguments)));
    }

    public static ApiProblem invalid(List<FieldProblem> errors) {
        return new ApiProblem(ProblemType.VALIDATION, null, DomainMessage.FIELDS_INVALID, List.of(errors.size()), errors);
    }

    /** Collects field errors to refuse a request with all of them at once. */
    public static final class Errors {
        private final List<FieldProblem> collected = new java.util.ArrayList<>();

        public void add(String field, FieldErrorCode code, String message) {
            collected.add(FieldProblem.worded(field, code, message));
        }

        public void add(String field, FieldErrorCode code, MessageKey message, Object... arguments) {
            collected.add(FieldProblem.keyed(field, code, message, arguments));
        }

        /** Refuses with 400 if anything was collected. */
        public void throwIfAny() {
            if (!collected.isEmpty()) {
                throw invalid(collected);
            }
        }
    }

    public ProblemType type() {
        return type;
    }

    /** The detail as worded, or null when it is told from the catalogue ({@link #key()}). */
    public String detail() {
        return detail;
    }

    public MessageKey key() {
        return key;
    }

    public List<Object> arguments() {
        return arguments;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** Where the refusal happened (e.g. a row of an upload); null if nowhere in particular. */
    public String where() {
        return where;
    }

    /** The same refusal, told as happening at {@code place}. */
    public ApiProblem at(String place) {
        this.where = place;
        return this;
    }

    /** Marks a refusal whose audit event its origin has already written. */
    public ApiProblem recorded() {
        this.recorded = true;
        return this;
    }

    public boolean isRecorded() {
        return recorded;
    }

    /** Members the problem body carries besides those of every problem (e.g. an OAuth 2.0 {@code error}). */
    public java.util.Map<String, String> members() {
        return java.util.Map.of();
    }

    /** Headers the answer carries besides the problem body (e.g. Retry-After). */
    public java.util.Map<String, String> headers() {
        return java.util.Map.of();
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
