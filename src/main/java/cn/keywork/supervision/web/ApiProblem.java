package cn.keywork.supervision.web;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;

import cn.keywork.supervision.api.model.FieldErrorDto;

/**
 * A refusal the client can act on, answered as an RFC 9457 problem. It extends
 * {@link WebApplicationException} so that the REST layer passes it through unchanged, also from
 * parameter conversion. No stack trace is captured: it is an answer, not a fault.
 */
public class ApiProblem extends WebApplicationException {

    private final ProblemType type;
    private final String detail;
    private final List<FieldErrorDto> errors;
    private boolean recorded;

    public ApiProblem(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ApiProblem(ProblemType type, String detail, List<FieldErrorDto> errors) {
        super(detail, null, type.status());
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem notFound(String what, Object id) {
        return new ApiProblem(ProblemType.NOT_FOUND, "No " + what + " " + id + ".");
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(ProblemType.CONFLICT, detail);
    }

    public static ApiProblem invalid(String field, FieldErrorCode code, String message) {
        return invalid(List.of(fieldError(field, code, message)));
    }

    public static ApiProblem invalid(List<FieldErrorDto> errors) {
        String detail = errors.size() == 1 ? "1 field is invalid." : errors.size() + " fields are invalid.";
        return new ApiProblem(ProblemType.VALIDATION, detail, errors);
    }

    /** Collects field errors to refuse a request with all of them at once. */
    public static final class Errors {
        private final List<FieldErrorDto> collected = new java.util.ArrayList<>();

        public void add(String field, FieldErrorCode code, String message) {
            collected.add(fieldError(field, code, message));
        }

        /** Refuses with 400 if anything was collected. */
        public void throwIfAny() {
            if (!collected.isEmpty()) {
                throw invalid(collected);
            }
        }
    }

    public static FieldErrorDto fieldError(String field, FieldErrorCode code, String message) {
        return new FieldErrorDto(field, code.name(), message);
    }

    public ProblemType type() {
        return type;
    }

    public String detail() {
        return detail;
    }

    public List<FieldErrorDto> errors() {
        return errors;
    }

    /** One line for a person: the first field error ("field: message"), or the detail. */
    public String summary() {
        return errors.isEmpty() ? detail : errors.get(0).getField() + ": " + errors.get(0).getMessage();
    }

    /** Marks a refusal whose audit event its origin has already written. */
    public ApiProblem recorded() {
        this.recorded = true;
        return this;
    }

    public boolean isRecorded() {
        return recorded;
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
