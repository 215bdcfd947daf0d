package cn.keywork.supervision.support;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.event.EventTypes;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The contract's catalog of event payloads: {@code Event}'s {@code x-event-payloads} names a schema
 * per event type, and a payload is checked against it with the same JSON-schema validation the
 * request validator applies to every request and answer.
 */
public final class EventPayloads {

    public static final EventPayloads INSTANCE = new EventPayloads();

    /**
     * The {@code actor_id} of the events tests write straight into {@code domain_event} to stage a
     * situation (a rule's trigger, a notification); their payloads are the tests' own, not the
     * service's, so the payload check leaves them out.
     */
    public static final UUID FABRICATED_BY_TEST = UUID.fromString("00000000-0000-0000-0000-00000000fab1");

    /** One payload that does not match its schema, or a type the catalog does not name. */
    public record Violation(String type, String eventId, String message) {

        @Override
        public String toString() {
            return type + " " + eventId + ": " + message;
        }
    }

    private final Map<String, String> mapping = new LinkedHashMap<>();
    private final Map<String, Schema<?>> schemas;
    private final SchemaValidator validator;

    private EventPayloads() {
        JsonNode contract = ContractCheck.INSTANCE.contract();
        contract.path("components").path("schemas").path("Event").path("x-event-payloads").fields()
                .forEachRemaining(entry -> mapping.put(entry.getKey(), entry.getValue().asText()));
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        OpenAPI api = new OpenAPIV3Parser().read(Api.CONTRACT, null, options);
        @SuppressWarnings({ "rawtypes", "unchecked" })
        Map<String, Schema<?>> all = (Map) api.getComponents().getSchemas();
        schemas = all;
        validator = new SchemaValidator(api, new MessageResolver());
    }

    /** Event type to the name of its payload schema, in the contract's order. */
    public Map<String, String> mapping() {
        return Map.copyOf(mapping);
    }

    public boolean schemaExists(String name) {
        return schemas.containsKey(name);
    }

    /** The names of {@link EventTypes}, read from its constants. */
    public List<String> eventTypeConstants() {
        List<String> names = new ArrayList<>();
        for (Field field : EventTypes.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** The values of the contract's {@code EventType} enum. */
    public List<String> eventTypeEnum() {
        List<String> values = new ArrayList<>();
        ContractCheck.INSTANCE.contract().path("components").path("schemas").path("EventType").path("enum")
                .forEach(value -> values.add(value.asText()));
        return values;
    }

    /**
     * What is missing or wrong in the catalog: a type of the enum or of {@link EventTypes} without a
     * schema, a schema name that is not in the contract, a mapped name that is no event type.
     */
    public List<String> gaps() {
        List<String> gaps = new ArrayList<>();
        TreeSet<String> types = new TreeSet<>(eventTypeEnum());
        types.addAll(eventTypeConstants());
        for (String type : types) {
            if (!mapping.containsKey(type)) {
                gaps.add(type + ": no schema in x-event-payloads");
            } else if (!schemaExists(mapping.get(type))) {
                gaps.add(type + ": names " + mapping.get(type) + ", which is not a schema of the contract");
            }
        }
        mapping.keySet().stream().filter(type -> !types.contains(type))
                .forEach(type -> gaps.add(type + ": in x-event-payloads but not an event type"));
        return gaps;
    }

    /** What is wrong with {@code payload} (JSON text) as the payload of an event of {@code type}; empty when it fits. */
    public List<String> check(String type, String payload) {
        String name = mapping.get(type);
        if (name == null) {
            return List.of("the contract names no payload schema for this type");
        }
        Schema<?> schema = schemas.get(name);
        if (schema == null) {
            return List.of("the schema " + name + " is not in the contract");
        }
        ValidationReport report = validator.validate(payload, schema, "payload");
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> name + ": " + m.getMessage().replace('\n', ' ')).toList();
    }

    /** The types the service appended to the log, and how many events each has. */
    public Map<String, Long> typesInLog(Pool database) {
        Map<String, Long> types = new TreeMap<>();
        database.preparedQuery("SELECT type, count(*) FROM domain_event WHERE actor_id IS DISTINCT FROM $1 GROUP BY type")
                .execute(Tuple.of(FABRICATED_BY_TEST)).await().indefinitely()
                .forEach(row -> types.put(row.getString(0), row.getLong(1)));
        return types;
    }

    /** Checks the latest {@code perType} payloads of every type the service appended to the log. */
    public List<Violation> checkLog(Pool database, int perType) {
        List<Violation> violations = new ArrayList<>();
        for (Row row : database.preparedQuery("""
                SELECT type, cast(id AS text), cast(payload AS text) FROM (
                  SELECT type, id, payload, row_number() OVER (PARTITION BY type ORDER BY seq DESC) AS n FROM domain_event
                  WHERE actor_id IS DISTINCT FROM $2) e
                WHERE n <= $1 ORDER BY type, n""").execute(Tuple.of(perType, FABRICATED_BY_TEST))
                .await().indefinitely()) {
            String type = row.getString(0);
            for (String message : check(type, row.getString(2))) {
                violations.add(new Violation(type, row.getString(1), message));
            }
        }
        return violations;
    }
}
