package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Walks every operation of the contract with no token and with a token of every role: refused
 * exactly where the contract's x-roles say, with the problem schema. Also keeps the README's
 * role × operation matrix equal to the rules.
 */
@QuarkusTest
class AccessMatrixTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    record Operation(String id, String method, String path, Set<String> roles, boolean beforePasswordChange,
            String bodyType) {

        boolean isPublic() {
            return roles.contains("PUBLIC");
        }

        boolean allows(String role) {
            return isPublic() || roles.contains("AUTHENTICATED") || roles.contains(role);
        }

        String concretePath() {
            return path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        }
    }

    @Inject
    AccessPolicy policy;

    @Test
    void every_operation_refuses_a_missing_token_with_401() throws IOException {
        for (Operation operation : operations()) {
            if (operation.isPublic()) {
                continue;
            }
            int status = call(deliberatelyInvalidAnonymous(), operation);
            assertThat(status).as(operation.id() + " without a token").isEqualTo(401);
        }
    }

    @Test
    void every_operation_refuses_each_role_it_does_not_name_with_403_and_admits_the_others() throws IOException {
        for (Role role : Role.values()) {
            String token = TestAccounts.token(role.name());
            for (Operation operation : operations()) {
                int status = call(deliberatelyInvalidAnonymous().auth().oauth2(token), operation);
                if (operation.allows(role.name())) {
                    assertThat(status).as(operation.id() + " as " + role).isNotIn(401, 403);
                } else {
                    assertThat(status).as(operation.id() + " as " + role).isEqualTo(403);
                }
            }
        }
    }

    @Test
    void an_account_that_must_change_its_password_may_do_nothing_else() throws IOException {
        String username = "t-must-change-" + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.createAccount(username, "OFFICE", null);
        String token = TestAccounts.signIn(username, TestAccounts.INITIAL_PASSWORD).then().statusCode(200)
                .extract().path("accessToken");
        for (Operation operation : operations()) {
            int status = call(deliberatelyInvalidAnonymous().auth().oauth2(token), operation);
            if (operation.isPublic() || operation.beforePasswordChange()) {
                assertThat(status).as(operation.id()).isNotIn(401, 403);
            } else {
                assertThat(status).as(operation.id()).isEqualTo(403);
            }
        }
    }

    @Test
    void every_generated_operation_has_an_access_rule() {
        List<String> missing = new ArrayList<>();
        for (Class<?> api : List.of(cn.keywork.supervision.api.UnitsApi.class, cn.keywork.supervision.api.MetaApi.class,
                cn.keywork.supervision.api.AuthApi.class, cn.keywork.supervision.api.MeApi.class,
                cn.keywork.supervision.api.UsersApi.class, cn.keywork.supervision.api.AuditApi.class,
                cn.keywork.supervision.api.TasksApi.class, cn.keywork.supervision.api.ReportsApi.class,
                cn.keywork.supervision.api.ProgressApi.class, cn.keywork.supervision.api.LedgersApi.class,
                cn.keywork.supervision.api.SlipsApi.class, cn.keywork.supervision.api.SlipApproversApi.class)) {
            for (Method method : api.getDeclaredMethods()) {
                if (policy.rule(method.getName()) == null) {
                    missing.add(api.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(policy.rules()).hasSameSizeAs(operationsUnchecked());
    }

    @Test
    void the_readme_publishes_the_role_operation_matrix_of_the_contract() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String expected = matrix(operations());
        String start = "<!-- access-matrix:start -->\n";
        String end = "<!-- access-matrix:end -->";
        assertThat(readme).contains(start).contains(end);
        String published = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf(end));
        assertThat(published).as("README matrix; regenerate it as:\n" + expected).isEqualTo(expected);
    }

    static String matrix(List<Operation> operations) {
        List<String> roles = Arrays.stream(Role.values()).map(Enum::name).toList();
        StringBuilder table = new StringBuilder("| operation | method and path | ")
                .append(String.join(" | ", roles)).append(" |\n|---|---|")
                .append(roles.stream().map(r -> ":-:").collect(Collectors.joining("|"))).append("|\n");
        for (Operation operation : operations) {
            table.append("| `").append(operation.id()).append("` | ").append(operation.method().toUpperCase())
                    .append(" `").append(operation.path()).append("` | ");
            if (operation.isPublic()) {
                table.append(String.join(" | ", java.util.Collections.nCopies(roles.size(), "public")));
            } else {
                table.append(roles.stream().map(role -> operation.allows(role) ? "✓" : "").collect(Collectors.joining(" | ")));
            }
            table.append(" |\n");
        }
        return table.toString();
    }

    static List<Operation> operations() throws IOException {
        JsonNode contract = YAML.readTree(new File(Api.CONTRACT));
        List<Operation> operations = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            JsonNode operation = method.getValue();
            if (!operation.has("operationId")) {
                return;
            }
            Set<String> roles = new java.util.TreeSet<>();
            operation.path("x-roles").forEach(role -> roles.add(role.asText()));
            var contentTypes = operation.path("requestBody").path("content").fieldNames();
            operations.add(new Operation(operation.get("operationId").asText(), method.getKey(), path.getKey(), roles,
                    operation.path("x-before-password-change").asBoolean(false),
                    contentTypes.hasNext() ? contentTypes.next() : "application/json"));
        }));
        return operations;
    }

    private static List<Operation> operationsUnchecked() {
        try {
            return operations();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int call(RequestSpecification request, Operation operation) {
        RequestSpecification withBody = Set.of("post", "put").contains(operation.method())
                ? operation.bodyType().startsWith("multipart/")
                        ? request.contentType(operation.bodyType()).multiPart("file", "x.txt", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        : request.contentType(operation.bodyType()).body(operation.bodyType().equals("application/json") ? "{}" : "x")
                : request;
        return withBody.request(operation.method().toUpperCase(), operation.concretePath()).then().extract().statusCode();
    }
}
