package cn.keywork.supervision.web;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.vertx.core.http.HttpServerRequest;

/** Bodies that are not the JSON an operation reads: 400 naming the field and what it must be. */
public class JsonProblemMappers {

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, HttpServerRequest request) {
        return ProblemAnswers.answer(request, malformed(e));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, path(e), FieldErrorCode.UNKNOWN_FIELD, WebMessage.FIELD_UNKNOWN,
                Excerpts.of(e.getPropertyName()));
    }

    @ServerExceptionMapper
    public Response refusedText(InputRules.RefusedText e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, path(e), FieldErrorCode.FORMAT, WebMessage.VALUE_TEXT_REFUSED);
    }

    @ServerExceptionMapper
    public Response refusedNumber(InputRules.RefusedNumber e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, path(e), FieldErrorCode.RANGE, WebMessage.VALUE_OUT_OF_RANGE);
    }

    @ServerExceptionMapper
    public Response nullValue(InvalidNullException e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, path(e), FieldErrorCode.REQUIRED, WebMessage.VALUE_NULL);
    }

    @ServerExceptionMapper
    public Response tooLong(StreamConstraintsException e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, "body", FieldErrorCode.RANGE, WebMessage.VALUE_TOO_LONG,
                InputRules.MAX_NUMBER_LENGTH);
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, HttpServerRequest request) {
        return ProblemAnswers.answer(request, wrongValue(e));
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        return ProblemAnswers.answer(request, wrongShape(e));
    }

    @ServerExceptionMapper
    public Response failedCreator(ValueInstantiationException e, HttpServerRequest request) {
        Class<?> target = e.getType() == null ? null : e.getType().getRawClass();
        if (target != null && target.isEnum()) {
            return ProblemAnswers.invalid(request, path(e), FieldErrorCode.UNKNOWN_VALUE, WebMessage.VALUE_ONE_OF,
                    enumValues(target));
        }
        return ProblemAnswers.invalid(request, path(e), FieldErrorCode.TYPE, WebMessage.VALUE_INVALID);
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, path(e), FieldErrorCode.TYPE, WebMessage.VALUE_INVALID);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, HttpServerRequest request) {
        return ProblemAnswers.invalid(request, "body", FieldErrorCode.SYNTAX, WebMessage.JSON_MALFORMED);
    }

    /** The problem for any JSON failure, also when it arrives wrapped in another exception. */
    Response map(JsonProcessingException json, HttpServerRequest request) {
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

    static ApiProblem malformed(JsonParseException e) {
        return e.getLocation() == null
                ? ApiProblem.invalid("body", FieldErrorCode.SYNTAX, WebMessage.JSON_MALFORMED)
                : ApiProblem.invalid("body", FieldErrorCode.SYNTAX, WebMessage.JSON_MALFORMED_AT,
                        e.getLocation().getLineNr(), e.getLocation().getColumnNr());
    }

    static ApiProblem wrongValue(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            return ApiProblem.invalid(path(e), FieldErrorCode.UNKNOWN_VALUE, WebMessage.VALUE_ONE_OF, enumValues(target));
        }
        return ApiProblem.invalid(path(e), FieldErrorCode.TYPE, typeMessage(target));
    }

    static ApiProblem wrongShape(MismatchedInputException e) {
        String field = path(e);
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Missing required creator property")) {
            String name = message.replaceAll("^[^']*'([^']*)'.*$", "$1");
            String missing = field.equals("body") ? name : field.equals(name) || field.endsWith("." + name) ? field : field + "." + name;
            return ApiProblem.invalid(missing, FieldErrorCode.REQUIRED, WebMessage.FIELD_REQUIRED);
        }
        if (field.equals("body")) {
            return ApiProblem.invalid(field, FieldErrorCode.TYPE, WebMessage.BODY_NOT_OBJECT);
        }
        return ApiProblem.invalid(field, FieldErrorCode.TYPE, typeMessage(e.getTargetType()));
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

    static String enumValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** "Must be a number", "Must be a UUID", … for the Java type a value was to become. */
    static WebMessage typeMessage(Class<?> target) {
        if (target == null) {
            return WebMessage.TYPE_OTHER;
        }
        if (Boolean.class == target || boolean.class == target) {
            return WebMessage.TYPE_BOOLEAN;
        }
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
            return WebMessage.TYPE_NUMBER;
        }
        if (java.util.UUID.class == target) {
            return WebMessage.TYPE_UUID;
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(target)) {
            return WebMessage.TYPE_TIME;
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return WebMessage.TYPE_ARRAY;
        }
        if (String.class == target) {
            return WebMessage.TYPE_STRING;
        }
        return WebMessage.TYPE_OBJECT;
    }
}
