package cn.keywork.supervision.meta;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.support.ContractCheck;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A property the contract does not mark nullable refuses an explicit null with a field error; one it marks takes it. */
@QuarkusTest
class NullabilityTest {

    private static final ContractCheck CONTRACT = ContractCheck.INSTANCE;

    @Test
    void an_explicit_null_for_a_task_s_unit_head_is_refused_naming_the_field() {
        Map<String, Object> task = new HashMap<>(Map.of("year", 2029, "category", "OTHER", "title", "空值测试",
                "target", "目标", "content", "内容", "deadline", "2029-06-30", "leadUnitId", TestAccounts.homeUnit()));
        task.put("unitHead", null);
        deliberatelyInvalidAs("OFFICE", null).body(task).post("/api/v1/tasks").then().statusCode(400)
                .body("errors.field", hasItem("unitHead"));
    }

    @Test
    void a_nullable_parent_still_takes_null() {
        String id = Units.registerId(uniqueCode("NU"), "空值上级测试");
        String etag = api().get("/api/v1/units/" + id).then().extract().header("ETag");
        Map<String, Object> update = new HashMap<>(Map.of("code", uniqueCode("NU"), "name", "空值上级测试",
                "type", "MUNICIPAL_DEPARTMENT", "active", true));
        update.put("parentId", null);
        as("ADMIN").header("If-Match", etag).body(update).put("/api/v1/units/" + id).then().statusCode(200);
    }

    @Test
    void every_property_of_every_request_body_refuses_null_unless_the_contract_marks_it_nullable() {
        JsonNode contract = CONTRACT.contract();
        List<String> mismatches = new ArrayList<>();
        int checked = 0;
        for (ContractCheck.Operation operation : CONTRACT.operations()) {
            JsonNode media = operation.definition().path("requestBody").path("content").path("application/json");
            if (media.isMissingNode()) {
                continue;
            }
            JsonNode schema = resolve(contract, media.path("schema"));
            String role = allowedRole(operation);
            for (var property = schema.path("properties").fields(); property.hasNext();) {
                var entry = property.next();
                boolean nullable = entry.getValue().path("nullable").asBoolean()
                        || resolve(contract, entry.getValue()).path("nullable").asBoolean();
                ObjectNode body = media.path("example").isObject() ? media.get("example").deepCopy()
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                if (operation.id().equals("updateUser")) {
                    // The example's unit head needs a unit by rule: a city-wide role leaves unitId free to be null.
                    body.putArray("roles").add("OFFICE");
                }
                body.putNull(entry.getKey());
                Response answer = (role == null ? cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous()
                        .contentType("application/json") : deliberatelyInvalidAs(role, null))
                        .header("If-Match", "\"0\"").body(body.toString())
                        .request(operation.method(), operation.template().replace("{year}", "2999").replaceAll("\\{[^}]+}", UUID.randomUUID().toString()));
                checked++;
                boolean refusedByName = answer.statusCode() == 400
                        && answer.jsonPath().getList("errors.field").contains(entry.getKey());
                if (!nullable && !refusedByName) {
                    mismatches.add(operation.id() + "." + entry.getKey() + " took null (" + answer.statusCode() + ")");
                }
                if (nullable && refusedByName) {
                    mismatches.add(operation.id() + "." + entry.getKey() + " is nullable but refused null");
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(mismatches).isEmpty();
    }

    private static JsonNode resolve(JsonNode contract, JsonNode node) {
        return node.has("$ref") ? resolve(contract, contract.at(node.get("$ref").asText().substring(1))) : node;
    }

    private static String allowedRole(ContractCheck.Operation operation) {
        List<String> roles = new ArrayList<>();
        operation.definition().path("x-roles").forEach(role -> roles.add(role.asText()));
        if (roles.contains("PUBLIC")) {
            return null;
        }
        return Arrays.stream(Role.values()).map(Enum::name)
                .filter(role -> roles.contains("AUTHENTICATED") || roles.contains(role)).findFirst().orElseThrow();
    }
}
