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
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response refusedText(InputRules.RefusedText e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response refusedNumber(InputRules.RefusedNumber e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response nullValue(InvalidNullException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response tooLong(StreamConstraintsException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response failedCreator(ValueInstantiationException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response otherMapping(JsonMappingException e, HttpServerRequest request) {
        return map(e, request);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, HttpServerRequest request) {
        return map(e, request);
    }

    /** The problem for any JSON failure, also when it arrives wrapped in another exception. */
    Response map(JsonProcessingException json, HttpServerRequest request) {
        return ProblemAnswers.answer(request, problemOf(json));
    }

    /** A JSON failure as a problem naming the field (its path from the document's root) and what it must be. */
    static ApiProblem problemOf(JsonProcessingException json) {
        if (json instanceof InputRules.RefusedText text) {
            return ApiProblem.invalid(path(text), FieldErrorCode.FORMAT, WebMessage.VALUE_TEXT_REFUSED);
        }
        if (json instanceof InputRules.RefusedNumber number) {
            return ApiProblem.invalid(path(number), FieldErrorCode.RANGE, WebMessage.VALUE_OUT_OF_RANGE);
        }
        if (json instanceof InvalidNullException nullElement) {
            return ApiProblem.invalid(path(nullElement), FieldErrorCode.REQUIRED, WebMessage.VALUE_NULL);
        }
        if (json instanceof StreamConstraintsException) {
            return ApiProblem.invalid("body", FieldErrorCode.RANGE, WebMessage.VALUE_TOO_LONG, InputRules.MAX_NUMBER_LENGTH);
        }
        if (json instanceof JsonParseException parse) {
            return malformed(parse);
        }
        if (json instanceof UnrecognizedPropertyException unknown) {
            return ApiProblem.invalid(path(unknown), FieldErrorCode.UNKNOWN_FIELD, WebMessage.FIELD_UNKNOWN,
                    Excerpts.of(unknown.getPropertyName()));
        }
        if (json instanceof InvalidFormatException format) {
            return wrongValue(format);
        }
        if (json instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch);
        }
        if (json instanceof ValueInstantiationException creator) {
            Class<?> target = creator.getType() == null ? null : creator.getType().getRawClass();
            if (target != null && target.isEnum()) {
                return ApiProblem.invalid(path(creator), FieldErrorCode.UNKNOWN_VALUE, WebMessage.VALUE_ONE_OF,
                        enumValues(target));
            }
            return ApiProblem.invalid(path(creator), FieldErrorCode.TYPE, WebMessage.VALUE_INVALID);
        }
        if (json instanceof JsonMappingException mapping) {
            return ApiProblem.invalid(path(mapping), FieldErrorCode.TYPE, WebMessage.VALUE_INVALID);
        }
        return ApiProblem.invalid("body", FieldErrorCode.SYNTAX, WebMessage.JSON_MALFORMED);
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
