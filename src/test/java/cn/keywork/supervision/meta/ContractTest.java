package cn.keywork.supervision.meta;

import static cn.keywork.supervision.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.unit.domain.UnitType;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ContractTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_service_serves_the_contract_file_byte_for_byte() throws IOException {
        byte[] file = Files.readAllBytes(Path.of(Api.CONTRACT));
        assertThat(given().get("/q/openapi").then().statusCode(200).contentType(containsString("yaml"))
                .extract().asByteArray()).isEqualTo(file);
        assertThat(given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200)
                .extract().asByteArray()).isEqualTo(file);
    }

    @Test
    void the_json_form_of_the_contract_is_the_file_converted_node_for_node() throws IOException {
        JsonNode file = YAML.readTree(new File(Api.CONTRACT));
        JsonNode byFormat = JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString());
        JsonNode byAccept = JSON.readTree(given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .contentType(containsString("application/json")).extract().asString());
        assertThat(byFormat).isEqualTo(file);
        assertThat(byAccept).isEqualTo(file);
    }

    @Test
    void swagger_ui_is_served() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }

    @Test
    void every_enumeration_is_labelled_in_chinese_and_english() throws IOException {
        JsonNode served = JSON.readTree(api().get("/api/v1/meta/enums").then().statusCode(200).extract().asString());
        JsonNode file = YAML.readTree(new File(Api.CONTRACT));
        List<String> enumSchemas = new ArrayList<>();
        file.path("components").path("schemas").fields().forEachRemaining(schema -> {
            if (schema.getValue().has("enum")) {
                enumSchemas.add(schema.getKey());
            }
        });
        assertThat(enumSchemas).contains("UnitType");
        List<String> servedNames = new ArrayList<>();
        for (JsonNode described : served.path("enums")) {
            servedNames.add(described.path("name").asText());
            JsonNode values = file.path("components").path("schemas").path(described.path("name").asText()).path("enum");
            assertThat(described.path("values")).hasSize(values.size());
            for (JsonNode value : described.path("values")) {
                assertThat(value.path("labels").path("zh-CN").asText()).isNotBlank();
                assertThat(value.path("labels").path("en").asText()).isNotBlank();
            }
        }
        assertThat(servedNames).containsExactlyInAnyOrderElementsOf(enumSchemas);
        assertThat(served.toString()).contains("\"COUNTY_GOVERNMENT\"", "县区政府", "管委会", "市委办局", "直属单位");
    }

    @Test
    void domain_enumerations_match_the_contract() throws IOException {
        JsonNode file = YAML.readTree(new File(Api.CONTRACT));
        Map<String, Class<? extends Enum<?>>> domain = Map.of("UnitType", UnitType.class,
                "Role", cn.keywork.supervision.security.Role.class,
                "TaskCategory", cn.keywork.supervision.task.domain.TaskCategory.class,
                "TaskStatus", cn.keywork.supervision.task.domain.TaskStatus.class,
                "TaskAction", cn.keywork.supervision.task.domain.TaskAction.class,
                "UnitRole", cn.keywork.supervision.task.domain.TaskFilter.UnitRole.class,
                "AuditOutcome", cn.keywork.supervision.audit.AuditEntry.Outcome.class,
                "ReportStatus", cn.keywork.supervision.progress.domain.ReportStatus.class,
                "ReportAction", cn.keywork.supervision.progress.domain.ReportAction.class,
                "InboxFilter", cn.keywork.supervision.progress.domain.InboxFilter.State.class);
        domain = new java.util.HashMap<>(domain);
        domain.putAll(Map.of("SlipType", cn.keywork.supervision.slip.domain.SlipType.class,
                "SlipStatus", cn.keywork.supervision.slip.domain.SlipStatus.class,
                "SlipAction", cn.keywork.supervision.slip.domain.SlipAction.class,
                "SlipOutcome", cn.keywork.supervision.slip.domain.SlipOutcome.class,
                "SlipRule", cn.keywork.supervision.slip.domain.SlipRule.class));
        domain.forEach((schema, type) -> {
            List<String> contract = new ArrayList<>();
            file.path("components").path("schemas").path(schema).path("enum").forEach(v -> contract.add(v.asText()));
            assertThat(Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())
                    .as(schema).containsExactlyElementsOf(contract);
        });
    }

    /** The node with every {@code $ref} replaced by what it points to. */
    private static JsonNode resolved(JsonNode contract, JsonNode node) {
        if (node.isObject() && node.has("$ref")) {
            JsonNode target = contract.at(node.get("$ref").asText().substring(1));
            return resolved(contract, target);
        }
        if (node.isContainerNode()) {
            JsonNode copy = node.deepCopy();
            if (copy.isObject()) {
                var object = (com.fasterxml.jackson.databind.node.ObjectNode) copy;
                node.fields().forEachRemaining(field -> object.set(field.getKey(), resolved(contract, field.getValue())));
            } else {
                var array = (com.fasterxml.jackson.databind.node.ArrayNode) copy;
                for (int i = 0; i < node.size(); i++) {
                    array.set(i, resolved(contract, node.get(i)));
                }
            }
            return copy;
        }
        return node;
    }

    @Test
    void every_operation_is_documented_with_an_example_and_its_errors() throws IOException {
        JsonNode file = YAML.readTree(new File(Api.CONTRACT));
        List<String> operations = new ArrayList<>();
        file.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (method.getKey().equals("parameters")) {
                return;
            }
            JsonNode operation = method.getValue();
            String name = method.getKey() + " " + path.getKey();
            operations.add(name);
            assertThat(operation.path("operationId").asText()).as(name).isNotBlank();
            assertThat(operation.path("summary").asText()).as(name).isNotBlank();
            assertThat(operation.path("description").asText()).as(name).isNotBlank();
            assertThat(resolved(file, operation).toString()).as(name + " has an example").contains("\"example");
            List<String> statuses = new ArrayList<>();
            operation.path("responses").fieldNames().forEachRemaining(statuses::add);
            assertThat(statuses).as(name + " documents an error").anyMatch(status -> status.startsWith("4"));
        }));
        assertThat(operations).isNotEmpty();
    }
}
