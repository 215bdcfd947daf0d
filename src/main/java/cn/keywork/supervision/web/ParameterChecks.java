package cn.keywork.supervision.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;

import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.vertx.core.http.HttpServerRequest;

/**
 * Names the parameter that could not be converted. The JAX-RS rules answer a bare 404 for an
 * unconvertible path or query value and 400 for a header, without saying which; when that happens
 * the resource method's declared parameters are converted again here, each on its own, and every
 * one that fails is reported with its name and what it must be.
 */
final class ParameterChecks implements ParamConverterProvider {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final ParameterChecks CONVERTERS = new ParameterChecks();

    /** The parameters of the matched operation whose values cannot be converted; empty if none. */
    static List<FieldProblem> failures(SimpleResourceInfo resource, HttpServerRequest request, java.util.Map<String, String> pathValues) {
        Method method = declared(resource);
        List<FieldProblem> errors = new ArrayList<>();
        if (method == null) {
            return errors;
        }
        for (Parameter parameter : method.getParameters()) {
            String name = parameterName(parameter.getAnnotations());
            if (name == null) {
                continue;
            }
            Class<?> type = parameter.getType();
            Type generic = parameter.getParameterizedType();
            List<String> values;
            if (Collection.class.isAssignableFrom(type) && generic instanceof ParameterizedType collection
                    && collection.getActualTypeArguments()[0] instanceof Class<?> element) {
                // A repeated query parameter: each value on its own.
                type = element;
                generic = element;
                values = parameter.isAnnotationPresent(QueryParam.class) ? request.params().getAll(name) : List.of();
            } else {
                String value = parameter.isAnnotationPresent(QueryParam.class) ? request.getParam(name)
                        : parameter.isAnnotationPresent(HeaderParam.class) ? request.getHeader(name) : pathValues.get(name);
                values = value == null ? List.of() : List.of(value);
            }
            ParamConverter<?> converter = CONVERTERS.getConverter(type, generic, parameter.getAnnotations());
            if (converter == null) {
                continue;
            }
            for (String value : values) {
                try {
                    converter.fromString(value);
                } catch (ApiProblem problem) {
                    errors.addAll(problem.errors());
                    break;
                }
            }
        }
        return errors;
    }

    /** The method as the generated interface (or else the resource) declares it, with its parameter annotations. */
    private static Method declared(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return null;
        }
        for (Class<?> type : resource.getResourceClass().getInterfaces()) {
            try {
                return type.getMethod(resource.getMethodName(), resource.parameterTypes());
            } catch (NoSuchMethodException e) {
                // not declared by this interface
            }
        }
        try {
            // A resource that cannot implement its generated interface (a stream) declares the parameters itself.
            return resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, WebMessage.TYPE_UUID, text -> {
                if (!UUID_TEXT.matcher(text).matches()) {
                    throw new IllegalArgumentException();
                }
                return UUID.fromString(text);
            });
        }
        if (rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, WebMessage.TYPE_BOOLEAN, text -> switch (text) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException();
            });
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, WebMessage.TYPE_WHOLE_NUMBER, Integer::valueOf);
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) converter(name, WebMessage.TYPE_WHOLE_NUMBER, Long::valueOf);
        }
        if (rawType == java.time.LocalDate.class) {
            return (ParamConverter<T>) converter(name, WebMessage.TYPE_DATE, java.time.LocalDate::parse);
        }
        if (rawType == java.time.OffsetDateTime.class) {
            return (ParamConverter<T>) converter(name, WebMessage.TYPE_OFFSET_TIME, java.time.OffsetDateTime::parse);
        }
        if (rawType.isEnum()) {
            return (ParamConverter<T>) enumConverter(name, (Class<? extends Enum>) rawType);
        }
        return null;
    }

    private static <E extends Enum<E>> ParamConverter<E> enumConverter(String name, Class<E> type) {
        String allowed = Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        return new ParamConverter<>() {
            @Override
            public E fromString(String value) {
                if (value == null) {
                    return null;
                }
                for (E constant : type.getEnumConstants()) {
                    if (constant.toString().equals(value)) {
                        return constant;
                    }
                }
                throw ApiProblem.invalid(name, FieldErrorCode.UNKNOWN_VALUE, WebMessage.VALUE_ONE_OF, allowed);
            }

            @Override
            public String toString(E value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static <T> ParamConverter<T> converter(String name, WebMessage expected, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (RuntimeException e) {
                    throw ApiProblem.invalid(name, FieldErrorCode.TYPE, expected);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static String parameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
            if (annotation instanceof HeaderParam header) {
                return header.value();
            }
        }
        return null;
    }
}
