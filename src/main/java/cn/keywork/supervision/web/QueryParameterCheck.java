package cn.keywork.supervision.web;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses query parameters the contract does not declare for the operation, naming each one: a
 * typo such as {@code unitid=} must not silently answer the whole register. Also refuses a
 * parameter given twice where the contract takes one value, and a boolean that is neither
 * {@code true} nor {@code false} (the framework would read {@code maybe} as false). Runs after the
 * access check, so that a caller without access learns nothing about parameters.
 */
@ApplicationScoped
public class QueryParameterCheck {

    /** A declared query parameter: whether it takes several values, whether it is a boolean. */
    record Declared(boolean array, boolean bool) {
    }

    private final Map<String, Map<String, Declared>> declared;

    QueryParameterCheck() {
        this.declared = read(ContractDocument.get());
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(SimpleResourceInfo resource, HttpServerRequest request) {
        Map<String, Declared> allowed = resource == null ? null : declared.get(resource.getMethodName());
        if (allowed == null) {
            return;
        }
        Set<String> unknown = new TreeSet<>();
        List<FieldProblem> problems = new java.util.ArrayList<>();
        for (String name : request.params().names()) {
            Declared parameter = allowed.get(name);
            if (parameter == null) {
                unknown.add(name);
                continue;
            }
            List<String> values = request.params().getAll(name);
            if (!parameter.array() && values.size() > 1) {
                problems.add(FieldProblem.keyed(name, FieldErrorCode.SYNTAX, WebMessage.QUERY_PARAMETER_REPEATED, name));
            } else if (parameter.bool() && !values.stream().allMatch(value -> "true".equals(value) || "false".equals(value))) {
                problems.add(FieldProblem.keyed(name, FieldErrorCode.TYPE, WebMessage.TYPE_BOOLEAN));
            }
        }
        if (!unknown.isEmpty()) {
            String reads = allowed.isEmpty() ? "-" : String.join(", ", new TreeSet<>(allowed.keySet()));
            unknown.stream().limit(20).forEach(name -> problems.add(FieldProblem.keyed(Excerpts.of(name),
                    FieldErrorCode.UNKNOWN_FIELD, WebMessage.QUERY_PARAMETER_UNKNOWN, Excerpts.of(name), reads)));
        }
        if (!problems.isEmpty()) {
            // the other values that do not convert are named in the same answer
            Set<String> named = new java.util.HashSet<>();
            problems.forEach(problem -> named.add(problem.field()));
            ParameterChecks.failures(resource, request, Map.of()).stream()
                    .filter(problem -> !named.contains(problem.field())).forEach(problems::add);
            throw ApiProblem.invalid(problems);
        }
    }

    /** Each operation's declared query parameters, by operationId, path-level ones included. */
    static Map<String, Map<String, Declared>> read(JsonNode contract) {
        Map<String, Map<String, Declared>> operations = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            JsonNode path = paths.next().getValue();
            path.fields().forEachRemaining(entry -> {
                JsonNode operation = entry.getValue();
                if (!operation.has("operationId")) {
                    return;
                }
                Map<String, Declared> names = new HashMap<>();
                for (JsonNode parameters : List.of(path.path("parameters"), operation.path("parameters"))) {
                    for (JsonNode parameter : parameters) {
                        JsonNode resolved = resolve(contract, parameter);
                        if ("query".equals(resolved.path("in").asText())) {
                            JsonNode schema = resolve(contract, resolved.path("schema"));
                            String type = schema.path("type").asText("");
                            names.put(resolved.path("name").asText(), new Declared("array".equals(type), "boolean".equals(type)));
                        }
                    }
                }
                operations.put(operation.get("operationId").asText(), Map.copyOf(names));
            });
        }
        return Map.copyOf(operations);
    }

    private static JsonNode resolve(JsonNode contract, JsonNode parameter) {
        String reference = parameter.path("$ref").asText("");
        if (!reference.startsWith("#/")) {
            return parameter;
        }
        return contract.at(reference.substring(1));
    }
}
