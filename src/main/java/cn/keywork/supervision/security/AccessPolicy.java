package cn.keywork.supervision.security;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.web.ContractDocument;
import io.quarkus.runtime.Startup;

/**
 * Who may call which operation, declared once, in the contract: each operation's {@code x-roles}
 * (role names, {@code AUTHENTICATED} or {@code PUBLIC}) and {@code x-before-password-change}.
 * Read at start; an operation without a rule fails the start, and {@link #rule} refuses an
 * operation it does not know.
 */
@Startup
@ApplicationScoped
public class AccessPolicy {

    /** The access rule of one operation. */
    public record Rule(boolean isPublic, boolean anyAccount, Set<Role> roles, boolean beforePasswordChange) {

        public boolean allows(Actor actor) {
            return isPublic || anyAccount || actor.roles().stream().anyMatch(roles::contains);
        }
    }

    private final Map<String, Rule> rules;

    AccessPolicy() {
        this.rules = read(ContractDocument.get());
    }

    /** The rule of an operation, by operationId; null when the contract declares none. */
    public Rule rule(String operationId) {
        return rules.get(operationId);
    }

    public Map<String, Rule> rules() {
        return Map.copyOf(rules);
    }

    static Map<String, Rule> read(JsonNode contract) {
        Map<String, Rule> rules = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> {
                JsonNode operation = method.getValue();
                if (!operation.has("operationId")) {
                    return;
                }
                String id = operation.get("operationId").asText();
                JsonNode declared = operation.path("x-roles");
                if (!declared.isArray() || declared.isEmpty()) {
                    throw new IllegalStateException("Operation " + id + " declares no x-roles in the contract");
                }
                boolean isPublic = false;
                boolean anyAccount = false;
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (JsonNode role : declared) {
                    switch (role.asText()) {
                        case "PUBLIC" -> isPublic = true;
                        case "AUTHENTICATED" -> anyAccount = true;
                        default -> roles.add(Role.valueOf(role.asText()));
                    }
                }
                rules.put(id, new Rule(isPublic, anyAccount, roles, operation.path("x-before-password-change").asBoolean(false)));
            });
        }
        return rules;
    }
}
