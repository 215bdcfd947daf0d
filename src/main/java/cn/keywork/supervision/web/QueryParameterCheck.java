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
 * typo such as {@code unitid=} must not silently answer the whole register. Runs after the access
 * check, so that a caller without access learns nothing about parameters.
 */
@ApplicationScoped
public class QueryParameterCheck {

    private final Map<String, Set<String>> declared;

    QueryParameterCheck() {
        this.declared = read(ContractDocument.get());
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void check(SimpleResourceInfo resource, HttpServerRequest request) {
        Set<String> allowed = resource == null ? null : declared.get(resource.getMethodName());
        if (allowed == null) {
            return;
        }
        Set<String> unknown = new TreeSet<>();
        for (String name : request.params().names()) {
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        String reads = allowed.isEmpty() ? "-" : String.join(", ", new TreeSet<>(allowed));
        throw ApiProblem.invalid(unknown.stream().limit(20)
                .map(name -> FieldProblem.keyed(Excerpts.of(name), FieldErrorCode.UNKNOWN_FIELD,
                        WebMessage.QUERY_PARAMETER_UNKNOWN, Excerpts.of(name), reads))
                .toList());
    }

    /** Each operation's declared query parameters, by operationId, path-level ones included. */
    static Map<String, Set<String>> read(JsonNode contract) {
        Map<String, Set<String>> operations = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            JsonNode path = paths.next().getValue();
            path.fields().forEachRemaining(entry -> {
                JsonNode operation = entry.getValue();
                if (!operation.has("operationId")) {
                    return;
                }
                Set<String> names = new TreeSet<>();
                for (JsonNode parameters : List.of(path.path("parameters"), operation.path("parameters"))) {
                    for (JsonNode parameter : parameters) {
                        JsonNode resolved = resolve(contract, parameter);
                        if ("query".equals(resolved.path("in").asText())) {
                            names.add(resolved.path("name").asText());
                        }
                    }
                }
                operations.put(operation.get("operationId").asText(), Set.copyOf(names));
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
