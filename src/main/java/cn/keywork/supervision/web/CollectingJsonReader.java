package cn.keywork.supervision.web;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyReader;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the JSON bodies of the contract's models so that a refused body lists every offending
 * field at once: missing, unknown, of the wrong type or out of range, and then what bean
 * validation finds in the rest. A body that reads cleanly is read exactly as before; only a
 * refused one is looked at again, as a tree, field by field against the model.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class CollectingJsonReader implements ServerMessageBodyReader<Object> {

    private static final String API_MODELS = "cn.keywork.supervision.api.model";
    /** Enough to say what is wrong; a body with more faults is refused on what was found. */
    private static final int MAX_PROBLEMS = 50;

    private final ObjectMapper json;
    private final Validator validator;

    public CollectingJsonReader(ObjectMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo lazyMethod, MediaType mediaType) {
        return isModel(type) && isJson(mediaType);
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isModel(type) && isJson(mediaType);
    }

    private static boolean isModel(Class<?> type) {
        return type.getPackageName().equals(API_MODELS) && !type.isEnum();
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType == null || (mediaType.getType().equals("application")
                && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json")));
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, MediaType mediaType, ServerRequestContext context)
            throws WebApplicationException, IOException {
        return read(type, genericType, context.getInputStream());
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException, WebApplicationException {
        return read(type, genericType, entityStream);
    }

    private Object read(Class<Object> type, Type genericType, InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            // No body at all: left to bean validation, which names it as required.
            return null;
        }
        JavaType target = json.getTypeFactory().constructType(genericType != null ? genericType : type);
        try {
            return json.readerFor(target).readValue(bytes);
        } catch (JsonParseException | StreamConstraintsException unreadable) {
            throw unreadable;
        } catch (JsonMappingException first) {
            List<FieldProblem> all = collect(bytes, target);
            if (all.size() <= 1) {
                throw first;
            }
            throw ApiProblem.invalid(all);
        }
    }

    /** Every fault of the body against the model, then bean validation of what remains; empty if this cannot tell. */
    private List<FieldProblem> collect(byte[] bytes, JavaType target) {
        try {
            JsonNode tree = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(bytes);
            List<FieldProblem> problems = new ArrayList<>();
            Set<String> faulty = new LinkedHashSet<>();
            walk(tree, target, "", problems, faulty);
            if (problems.isEmpty()) {
                return List.of();
            }
            List<FieldProblem> all = new ArrayList<>(problems);
            all.addAll(validateTheRest(tree, target, problems, faulty));
            all.sort(Comparator.comparing(FieldProblem::field));
            return all.size() > MAX_PROBLEMS ? all.subList(0, MAX_PROBLEMS) : all;
        } catch (IOException | RuntimeException unexpected) {
            return List.of();
        }
    }

    private void walk(JsonNode node, JavaType type, String at, List<FieldProblem> problems, Set<String> faulty) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        if (node.isObject() && isModel(type.getRawClass())) {
            BeanDescription model = json.getDeserializationConfig().introspect(type);
            Map<String, BeanPropertyDefinition> properties = new HashMap<>();
            for (BeanPropertyDefinition property : model.findProperties()) {
                properties.put(property.getName(), property);
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!properties.containsKey(name)) {
                    problems.add(FieldProblem.keyed(join(at, Excerpts.of(name)), FieldErrorCode.UNKNOWN_FIELD,
                            WebMessage.FIELD_UNKNOWN, Excerpts.of(name)));
                    faulty.add(join(at, name));
                }
            }
            for (BeanPropertyDefinition property : properties.values()) {
                JsonNode value = node.get(property.getName());
                String field = join(at, property.getName());
                if (value == null) {
                    if (property.isRequired()) {
                        problems.add(FieldProblem.keyed(field, FieldErrorCode.REQUIRED, WebMessage.FIELD_REQUIRED));
                        faulty.add(field);
                    }
                } else if (!value.isNull()) {
                    walk(value, property.getPrimaryType(), field, problems, faulty);
                } else if (!property.isRequired() && !InputRules.mayBeNull(type.getRawClass(), property.getName())) {
                    problems.add(FieldProblem.keyed(field, FieldErrorCode.REQUIRED, WebMessage.VALUE_NULL));
                    faulty.add(field);
                }
            }
            return;
        }
        if (node.isArray() && type.isCollectionLikeType() && isModel(type.getContentType().getRawClass())) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), type.getContentType(), at + "[" + i + "]", problems, faulty);
            }
            return;
        }
        try {
            json.readerFor(type).readValue(json.treeAsTokens(node));
        } catch (IOException failure) {
            ApiProblem problem = failure instanceof com.fasterxml.jackson.core.JsonProcessingException processing
                    ? JsonProblemMappers.problemOf(processing) : null;
            if (problem == null || problem.errors().isEmpty()) {
                return;
            }
            for (FieldProblem error : problem.errors()) {
                String field = error.field().equals("body") ? at
                        : at.isEmpty() || error.field().startsWith("[") ? at + error.field() : at + "." + error.field();
                problems.add(new FieldProblem(field.isEmpty() ? "body" : field, error.code(), error.key(), error.arguments(),
                        error.text()));
            }
            faulty.add(at);
        }
    }

    /**
     * Bean validation of the body with the faulty fields left out, so that its findings come with
     * the others; a field already refused is not refused twice.
     */
    private List<FieldProblem> validateTheRest(JsonNode tree, JavaType target, List<FieldProblem> problems, Set<String> faulty) {
        if (!tree.isObject()) {
            return List.of();
        }
        Set<String> known = new java.util.HashSet<>();
        json.getDeserializationConfig().introspect(target).findProperties().forEach(property -> known.add(property.getName()));
        ObjectNode rest = ((ObjectNode) tree).deepCopy();
        for (String field : faulty) {
            String top = field.split("[.\\[]", 2)[0];
            if (known.contains(top) && !mayBeLeftOut(target, top)) {
                // Null rather than absent: a required property must be there for the model to be built at all.
                rest.putNull(top);
            } else {
                rest.remove(top);
            }
        }
        Object lenient;
        try {
            lenient = json.readerFor(target).readValue(json.treeAsTokens(rest));
        } catch (IOException | RuntimeException stillFaulty) {
            return List.of();
        }
        Set<String> reported = new java.util.HashSet<>();
        problems.forEach(problem -> reported.add(problem.field()));
        Set<String> removed = new java.util.HashSet<>();
        faulty.forEach(field -> removed.add(field.split("[.\\[]", 2)[0]));
        return ValidationProblemMappers.fieldProblems(validator.validate(lenient)).stream()
                .filter(problem -> !reported.contains(problem.field()))
                .filter(problem -> !removed.contains(problem.field().split("[.\\[]", 2)[0]))
                .toList();
    }

    /** An optional property: left out of what is validated, since an explicit null may be refused. */
    private boolean mayBeLeftOut(JavaType target, String name) {
        return json.getDeserializationConfig().introspect(target).findProperties().stream()
                .anyMatch(property -> property.getName().equals(name) && !property.isRequired());
    }

    private static String join(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }
}
