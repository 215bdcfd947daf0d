package cn.keywork.supervision.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.support.ContractCheck;
import cn.keywork.supervision.support.EventPayloads;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every domain event type has a payload schema in the contract ({@code Event}'s
 * {@code x-event-payloads}), and the payloads the service writes match it.
 */
@QuarkusTest
class EventPayloadCatalogTest {

    private static final EventPayloads CATALOG = EventPayloads.INSTANCE;

    @Inject
    Pool database;

    @Test
    void every_event_type_names_a_payload_schema_of_the_contract() {
        assertThat(CATALOG.eventTypeEnum()).hasSize(52).containsExactlyInAnyOrderElementsOf(CATALOG.eventTypeConstants());
        assertThat(CATALOG.gaps()).isEmpty();
    }

    @Test
    void every_payload_schema_is_closed_described_and_named_after_events() {
        JsonNode schemas = ContractCheck.INSTANCE.contract().path("components").path("schemas");
        for (String name : new TreeSet<>(CATALOG.mapping().values())) {
            JsonNode schema = schemas.path(name);
            assertThat(name).endsWith("EventPayload");
            assertThat(schema.path("additionalProperties").isBoolean()).as(name).isTrue();
            assertThat(schema.path("additionalProperties").asBoolean()).as(name).isFalse();
            assertThat(schema.path("description").asText()).as(name).isNotBlank();
            schema.path("required").forEach(key -> assertThat(schema.path("properties").has(key.asText()))
                    .as(name + " requires " + key.asText()).isTrue());
        }
    }

    @Test
    void a_payload_that_breaks_its_schema_is_named_with_the_violation() {
        String task = """
                {"title": "任务", "category": "OTHER", "status": "DRAFT", "deadline": "2027-12-31"}""";
        assertThat(CATALOG.check("task.declared", task)).isEmpty();
        assertThat(CATALOG.check("task.declared", task.replace("{", "{\"code\": null, "))).singleElement().asString()
                .contains("/code");
        assertThat(CATALOG.check("task.declared", task.replace("}", ", \"extra\": 1}"))).singleElement().asString()
                .contains("TaskEventPayload", "extra");
        assertThat(CATALOG.check("task.declared", task.replace("\"title\": \"任务\", ", ""))).singleElement().asString()
                .contains("title");
        assertThat(CATALOG.check("task.declared", task.replace("OTHER", "SIDE_PROJECT"))).isNotEmpty();
        assertThat(CATALOG.check("task.declared", task.replace("2027-12-31", "31.12.2027"))).isNotEmpty();
        assertThat(CATALOG.check("report.accepted", """
                {"taskId": "not-a-uuid", "code": "K1", "period": "2027-01", "late": false, "version": 1}""")).isNotEmpty();
        assertThat(CATALOG.check("points.posted", """
                {"entryId": "0b8f7c1e-3a52-4a5e-9a59-5b1f8f0e4c11", "year": 2027, "points": -0.5, "ruleCode": "URGING",
                 "ruleBookVersion": 1.5, "sourceEventId": "0b8f7c1e-3a52-4a5e-9a59-5b1f8f0e4c12"}""")).isNotEmpty();
        assertThat(CATALOG.check("no.such_type", "{}")).isNotEmpty();
    }

    @Test
    void the_latest_payloads_of_every_type_in_the_log_match_their_schema() {
        assertThat(CATALOG.checkLog(database, 50)).isEmpty();
    }
}
