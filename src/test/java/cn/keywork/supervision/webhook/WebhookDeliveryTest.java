package cn.keywork.supervision.webhook;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import cn.keywork.supervision.webhook.domain.ClaimedDelivery;
import cn.keywork.supervision.webhook.service.WebhookStore;
import cn.keywork.supervision.webhook.service.WebhookWorker;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Deliveries to local receivers on allow-listed loopback ports: signed by the Standard Webhooks
 * scheme, retried after failures until delivered once, re-sent after a crash between claim and
 * send, and confined to the events the subscriber may see.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WebhookWorker worker;

    @Inject
    WebhookStore store;

    @Inject
    Pool database;

    private WebhookWorker.Run run(String webhookId) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> worker.run(UUID.fromString(webhookId)));
    }

    /** Runs the worker for the subscription until the receiver holds what {@code done} wants (or 30 s pass). */
    private void until(String webhookId, Receiver receiver, Predicate<List<Receiver.Received>> done) throws Throwable {
        Instant give = Instant.now().plusSeconds(30);
        while (!done.test(receiver.received())) {
            assertThat(Instant.now()).as("the receiver did not get what was expected").isBefore(give);
            run(webhookId);
            Thread.sleep(30);
        }
    }

    private static String lead(String prefix) {
        return Units.registerId(uniqueCode(prefix), "推送单位" + uniqueCode(""));
    }

    /** The signature the documented scheme gives, computed here without the service's code. */
    private static String expected(String secret, String id, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal((id + "." + timestamp + "." + body)
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void delivery_of_a_task_event_is_signed_by_the_documented_scheme() throws Throwable {
        try (Receiver receiver = new Receiver(18461)) {
            Response made = as("OFFICE").body(Receiver.subscription(receiver.url(), "task.registered", "task.declared"))
                    .post("/api/v1/webhooks");
            made.then().statusCode(201);
            String webhookId = made.path("id");
            String secret = made.path("secret");
            String lead = lead("WHS");
            String taskId = SlipFixtures.task(lead, null);
            until(webhookId, receiver, got -> got.stream().anyMatch(r -> r.body().contains(taskId)));

            Receiver.Received received = receiver.received().stream().filter(r -> r.body().contains(taskId)).findFirst()
                    .orElseThrow();
            JsonNode event = JSON.readTree(received.body());
            assertThat(event.path("objectId").asText()).isEqualTo(taskId);
            assertThat(event.path("type").asText()).isIn("task.registered", "task.declared");
            assertThat(event.path("unitIds").toString()).contains(lead);
            assertThat(received.id()).isEqualTo(event.path("id").asText());
            assertThat(received.contentType()).isEqualTo("application/json");
            assertThat(received.host()).isEqualTo("127.0.0.1:18461");
            assertThat(Math.abs(Long.parseLong(received.timestamp()) - Instant.now().getEpochSecond())).isLessThan(60);
            assertThat(received.signature()).isEqualTo(expected(secret, received.id(), received.timestamp(), received.body()));

            // After a rotation both keys sign for a day: the new one first, then the old one.
            String rotated = as("OFFICE").post("/api/v1/webhooks/" + webhookId + "/secret-rotation").then().statusCode(200)
                    .extract().path("secret");
            String second = SlipFixtures.task(lead, null);
            until(webhookId, receiver, got -> got.stream().anyMatch(r -> r.body().contains(second)));
            Receiver.Received after = receiver.received().stream().filter(r -> r.body().contains(second)).findFirst()
                    .orElseThrow();
            assertThat(after.signature()).isEqualTo(expected(rotated, after.id(), after.timestamp(), after.body()) + " "
                    + expected(secret, after.id(), after.timestamp(), after.body()));
        }
    }

    @Test
    void delivery_failing_three_times_arrives_once_more_and_no_more() throws Throwable {
        try (Receiver receiver = new Receiver(18462, 500, 503, 404)) {
            Response made = as("ASSESSMENT").body(Receiver.subscription(receiver.url(), "task.registered", "task.declared"))
                    .post("/api/v1/webhooks");
            String webhookId = made.path("id");
            String taskId = SlipFixtures.task(lead("WHR"), null);
            until(webhookId, receiver, got -> got.size() >= 4);
            for (int i = 0; i < 10; i++) {
                run(webhookId);
                Thread.sleep(30);
            }
            List<Receiver.Received> received = receiver.received();
            assertThat(received).hasSize(4);
            assertThat(received).allSatisfy(r -> assertThat(r.body()).contains(taskId));
            assertThat(received.stream().map(Receiver.Received::id).distinct()).hasSize(1);

            as("ASSESSMENT").get("/api/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].status", equalTo("DELIVERED"))
                    .body("items[0].attempts", equalTo(4)).body("items[0].lastResponseCode", equalTo(204))
                    .body("items[0].eventId", equalTo(received.get(0).id()));
            as("ASSESSMENT").get("/api/v1/webhooks/" + webhookId).then().statusCode(200).body("consecutiveFailures", equalTo(0));

            // Asked for again by hand: the same event (same webhook-id) once more.
            String deliveryId = as("ASSESSMENT").get("/api/v1/webhooks/" + webhookId + "/deliveries?status=DELIVERED").then()
                    .statusCode(200).extract().path("items[0].id");
            as("ASSESSMENT").post("/api/v1/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/redelivery").then()
                    .statusCode(202).body("status", equalTo("PENDING")).body("redelivery", equalTo(true));
            until(webhookId, receiver, got -> got.size() >= 5);
            assertThat(receiver.received().get(4).id()).isEqualTo(received.get(0).id());
        }
    }

    @Test
    void delivery_claimed_by_a_worker_that_crashed_is_sent_again_once_the_claim_lapses() throws Throwable {
        try (Receiver receiver = new Receiver(18463)) {
            String webhookId = as("OFFICE").body(Receiver.subscription(receiver.url(), "task.registered", "task.declared"))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            String taskId = SlipFixtures.task(lead("WHC"), null);
            VertxContextSupport.subscribeAndAwait(() -> worker.fanOut());
            Instant now = Instant.now();
            List<ClaimedDelivery> claimed = VertxContextSupport.subscribeAndAwait(
                    () -> store.claim("crashed-worker", UUID.fromString(webhookId), now, now.plusSeconds(4), 10));
            assertThat(claimed).hasSize(1);
            assertThat(claimed.get(0).body()).contains(taskId);
            // The claiming worker dies here. While its claim holds, no other run takes the delivery.
            assertThat(run(webhookId).claimed()).isZero();
            assertThat(receiver.received()).isEmpty();
            // Time passes beyond the claim: its lease lies in the past.
            database.preparedQuery("UPDATE webhook_delivery SET claimed_until = now() - interval '1 second' WHERE webhook_id = $1")
                    .execute(Tuple.of(UUID.fromString(webhookId))).await().indefinitely();
            until(webhookId, receiver, got -> !got.isEmpty());
            assertThat(receiver.received()).hasSize(1);
            assertThat(receiver.received().get(0).id()).isEqualTo(claimed.get(0).eventId().toString());
        }
    }

    @Test
    void delivery_to_a_unit_subscription_carries_only_its_units_events() throws Throwable {
        try (Receiver receiver = new Receiver(18464)) {
            String mine = lead("WHM");
            String other = lead("WHO");
            String webhookId = asUnit("UNIT_LIAISON", mine)
                    .body(Receiver.subscription(receiver.url(), "task.registered", "task.declared"))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            String othersTask = SlipFixtures.task(other, null);
            String myTask = SlipFixtures.task(mine, null);
            until(webhookId, receiver, got -> got.stream().anyMatch(r -> r.body().contains(myTask)));
            run(webhookId);
            assertThat(receiver.received()).noneMatch(r -> r.body().contains(othersTask));
            assertThat(receiver.received()).allSatisfy(r -> assertThat(r.body()).contains(mine));
        }
    }

    @Test
    void delivery_failures_in_a_row_disable_the_subscription_with_an_audit_row() throws Throwable {
        try (Receiver receiver = new Receiver(18461, 500, 500, 500)) {
            String webhookId = as("OFFICE").body(Receiver.subscription(receiver.url(), "task.registered", "task.declared"))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            // Nineteen failures already counted: the next failed attempt is the twentieth (disable-after).
            database.preparedQuery("UPDATE webhook SET consecutive_failures = 19 WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(webhookId))).await().indefinitely();
            SlipFixtures.task(lead("WHD"), null);
            until(webhookId, receiver, got -> !got.isEmpty());
            as("OFFICE").get("/api/v1/webhooks/" + webhookId).then().statusCode(200).body("active", equalTo(false))
                    .body("consecutiveFailures", equalTo(20));
            List<String> actions = database.preparedQuery("SELECT action FROM audit_event WHERE object_id = $1 ORDER BY seq")
                    .execute(Tuple.of(webhookId)).await().indefinitely().stream().map(row -> row.getString(0)).toList();
            assertThat(actions).containsExactly("WEBHOOK_CREATED", "WEBHOOK_DISABLED");
            // Disabled, it is not tried again: its delivery waits until the subscription is resumed.
            // Its retry is due (the backoff has passed) and still nothing is sent.
            database.preparedQuery("UPDATE webhook_delivery SET next_attempt_at = now() - interval '1 second' WHERE webhook_id = $1")
                    .execute(Tuple.of(UUID.fromString(webhookId))).await().indefinitely();
            run(webhookId);
            assertThat(receiver.received()).hasSize(1);
            as("OFFICE").get("/api/v1/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                    .body("items[0].status", equalTo("PENDING")).body("items[0].lastResponseCode", equalTo(500));
        }
    }
}
