package cn.keywork.supervision.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Bean validation of parameters and bodies: 400 listing every offending field. Messages come from
 * the validator, which words them in the language the client asked for ({@code quarkus.locales}).
 */
public class ValidationProblemMappers {

    /** Java parameter names of headers, as the contract spells them. */
    private static final Map<String, String> HEADER_NAMES = Map.of(
            "ifMatch", "If-Match",
            "idempotencyKey", "Idempotency-Key");

    private final UnexpectedProblemMappers unexpected;

    public ValidationProblemMappers(UnexpectedProblemMappers unexpected) {
        this.unexpected = unexpected;
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException violations, HttpServerRequest request) {
        boolean aboutTheAnswer = violations.getConstraintViolations().stream()
                .anyMatch(violation -> violation.getPropertyPath().toString().contains("<return value>"));
        if (aboutTheAnswer) {
            return unexpected.unexpected(violations, request);
        }
        return invalidFields(violations, request);
    }

    @ServerExceptionMapper
    public Response invalidFields(ConstraintViolationException violations, HttpServerRequest request) {
        return ProblemAnswers.answer(request, ApiProblem.invalid(fieldProblems(violations.getConstraintViolations())));
    }

    /** Each violation as a field problem, sorted by field. */
    static List<FieldProblem> fieldProblems(java.util.Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream()
                .map(ValidationProblemMappers::fieldError)
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
    }

    private static FieldProblem fieldError(ConstraintViolation<?> violation) {
        return FieldProblem.worded(fieldName(violation.getPropertyPath()), codeOf(violation), violation.getMessage());
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
}
