package cn.keywork.supervision.web;

import java.util.HashSet;
import java.util.Set;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers 428 to a change sent without {@code If-Match} on every operation whose contract requires
 * it, after the access check and before the body is validated, so that a missing precondition is
 * never reported as a mere invalid header.
 */
public class Preconditions {

    static final String IF_MATCH = "If-Match";

    private final Set<String> requiringIfMatch = operationsRequiringIfMatch(ContractDocument.get());

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void requireIfMatch(SimpleResourceInfo resource, ContainerRequestContext request) {
        if (requiringIfMatch.contains(resource.getMethodName()) && request.getHeaderString(IF_MATCH) == null) {
            throw new ApiProblem(ProblemType.PRECONDITION_REQUIRED, "Send If-Match with the ETag last read.");
        }
    }

    static Set<String> operationsRequiringIfMatch(JsonNode contract) {
        Set<String> operations = new HashSet<>();
        contract.path("paths").forEach(path -> path.fields().forEachRemaining(method -> {
            for (JsonNode parameter : method.getValue().path("parameters")) {
                JsonNode resolved = parameter.has("$ref") ? contract.at(parameter.get("$ref").asText().substring(1)) : parameter;
                if (IF_MATCH.equalsIgnoreCase(resolved.path("name").asText()) && resolved.path("required").asBoolean()) {
                    operations.add(method.getValue().path("operationId").asText());
                }
            }
        }));
        return operations;
    }
}
