package cn.keywork.supervision.webhook;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Webhook subscriptions: secrets shown once, the address rules, ownership, roles and preconditions. */
@QuarkusTest
class WebhookTest {

    /** A public host by address: checked without a lookup, never contacted (no delivery worker runs here). */
    private static final String PUBLIC_URL = "https://203.0.113.10/hooks/supervision";

    @Inject
    Pool database;

    private static Response create(String role, Map<String, Object> body) {
        return as(role).body(body).post("/api/v1/webhooks");
    }

    @Test
    void subscription_answers_its_secret_once_and_keeps_it_sealed() {
        Response made = create("OFFICE", Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted", "slip.issued"),
                "description", "考核系统"));
        made.then().statusCode(201).header("Location", notNullValue()).header("ETag", equalTo("\"1\""))
                .body("secret", startsWith("whsec_")).body("active", equalTo(true)).body("unitId", nullValue());
        String id = made.path("id");
        String secret = made.path("secret");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
        as("OFFICE").get("/api/v1/webhooks/" + id).then().statusCode(200).body("secret", nullValue())
                .body("eventTypes", hasItem("slip.issued"));
        as("OFFICE").get("/api/v1/webhooks?size=200").then().statusCode(200).body("items.id", hasItem(id))
                .body("items.secret", not(hasItem(notNullValue())));
        String stored = database.preparedQuery("SELECT secret FROM webhook WHERE id = $1")
                .execute(Tuple.of(java.util.UUID.fromString(id))).await().indefinitely().iterator().next().getString(0);
        assertThat(stored).doesNotContain(secret.substring("whsec_".length()));
        List<String> actions = database.preparedQuery("SELECT action FROM audit_event WHERE object_id = $1 ORDER BY seq")
                .execute(Tuple.of(id)).await().indefinitely().stream().map(row -> row.getString(0)).toList();
        assertThat(actions).containsExactly("WEBHOOK_CREATED");
    }

    @Test
    void subscription_to_an_internal_address_is_refused() {
        for (String url : List.of("http://169.254.169.254/", "http://10.0.0.1/", "https://127.0.0.1/", "https://localhost:1/",
                "https://[::1]:8443/", "https://100.64.0.1/", "https://192.168.1.20/", "https://172.16.5.4/",
                "https://0.0.0.0/", "https://[fd00::1]/", "https://user:pass@203.0.113.10/", "ftp://203.0.113.10/")) {
            create("OFFICE", Map.of("url", url, "eventTypes", List.of("task.accepted"))).then().statusCode(400)
                    .body("errors[0].field", equalTo("url"));
        }
    }

    @Test
    void subscription_needs_a_role_that_follows_events() {
        create("AUDITOR", Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted"))).then().statusCode(403);
        create("ADMIN", Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted"))).then().statusCode(403);
    }

    @Test
    void subscription_of_another_account_is_not_found() {
        String id = create("OFFICE", Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted"))).then().statusCode(201)
                .extract().path("id");
        as("ASSESSMENT").get("/api/v1/webhooks/" + id).then().statusCode(404);
        as("ASSESSMENT").post("/api/v1/webhooks/" + id + "/secret-rotation").then().statusCode(404);
        as("ASSESSMENT").get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(404);
        as("ASSESSMENT").header("If-Match", "\"1\"").delete("/api/v1/webhooks/" + id).then().statusCode(404);
        as("ASSESSMENT").get("/api/v1/webhooks?size=200").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void subscription_of_a_unit_account_is_scoped_to_its_unit() {
        String unit = Units.registerId(uniqueCode("WHU"), "订阅单位" + uniqueCode(""));
        asUnit("UNIT_LIAISON", unit).body(Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted")))
                .post("/api/v1/webhooks").then().statusCode(201).body("unitId", equalTo(unit));
    }

    @Test
    void change_without_if_match_is_refused_with_428_and_resuming_resets_the_failures() {
        String id = create("LEADING_GROUP", Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted"))).then()
                .statusCode(201).extract().path("id");
        deliberatelyInvalidAs("LEADING_GROUP", null).body(Map.of("active", false)).patch("/api/v1/webhooks/" + id)
                .then().statusCode(428);
        as("LEADING_GROUP").header("If-Match", "\"1\"").body(Map.of("active", false, "eventTypes", List.of("slip.closed")))
                .patch("/api/v1/webhooks/" + id).then().statusCode(200).header("ETag", equalTo("\"2\""))
                .body("active", equalTo(false)).body("eventTypes", equalTo(List.of("slip.closed")));
        database.preparedQuery("UPDATE webhook SET consecutive_failures = 7 WHERE id = $1")
                .execute(Tuple.of(java.util.UUID.fromString(id))).await().indefinitely();
        as("LEADING_GROUP").header("If-Match", "\"1\"").body(Map.of("active", true)).patch("/api/v1/webhooks/" + id)
                .then().statusCode(412);
        as("LEADING_GROUP").header("If-Match", "\"2\"").body(Map.of("active", true)).patch("/api/v1/webhooks/" + id)
                .then().statusCode(200).body("active", equalTo(true)).body("consecutiveFailures", equalTo(0));
        as("LEADING_GROUP").header("If-Match", "\"3\"").body(Map.of("url", "http://10.0.0.1/")).patch("/api/v1/webhooks/" + id)
                .then().statusCode(400).body("errors[0].field", equalTo("url"));
    }

    @Test
    void subscription_to_an_unknown_event_type_is_refused() {
        deliberatelyInvalidAs("OFFICE", null).body(Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.exploded")))
                .post("/api/v1/webhooks").then().statusCode(400);
        deliberatelyInvalidAs("OFFICE", null).body(Map.of("url", PUBLIC_URL, "eventTypes", List.of()))
                .post("/api/v1/webhooks").then().statusCode(400);
    }

    @Test
    void rotation_answers_a_new_secret_once_and_deletion_removes_the_subscription() {
        Response made = create("LEADER", Map.of("url", PUBLIC_URL, "eventTypes", List.of("task.accepted")));
        String id = made.path("id");
        String first = made.path("secret");
        Response rotated = as("LEADER").post("/api/v1/webhooks/" + id + "/secret-rotation");
        rotated.then().statusCode(200).header("ETag", equalTo("\"2\"")).body("previousSecretExpiresAt", notNullValue());
        assertThat((String) rotated.path("secret")).startsWith("whsec_").isNotEqualTo(first);
        as("LEADER").header("If-Match", "\"2\"").delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as("LEADER").get("/api/v1/webhooks/" + id).then().statusCode(404);
        List<String> actions = database.preparedQuery("SELECT action FROM audit_event WHERE object_id = $1 ORDER BY seq")
                .execute(Tuple.of(id)).await().indefinitely().stream().map(row -> row.getString(0)).toList();
        assertThat(actions).containsExactly("WEBHOOK_CREATED", "WEBHOOK_SECRET_ROTATED", "WEBHOOK_DELETED");
    }
}
