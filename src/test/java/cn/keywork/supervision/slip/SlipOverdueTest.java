package cn.keywork.supervision.slip;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.slip.service.SlipOverdueScan;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R8, R9: a slip not acknowledged in time, or without an accepted response by its deadline, is announced once. */
@QuarkusTest
class SlipOverdueTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();

    @jakarta.inject.Inject
    Pool database;

    @jakarta.inject.Inject
    SlipOverdueScan scan;

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    private static void later(Duration by) {
        QuarkusMock.installMockForType(Clock.offset(Clock.system(CITY), by), Clock.class);
    }

    private SlipOverdueScan.Found scanNow() throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> scan.scan());
    }

    private static Response move(RequestSpecification who, Response slip, Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body)
                .post("/api/v1/slips/" + slip.path("id") + "/transitions").then().statusCode(200).extract().response();
    }

    private static Response issued(String taskId) {
        Response draft = as("OFFICE").body(Map.of("type", "ASSIGNMENT", "taskId", taskId, "requirements", "请按期办理",
                "responseDeadline", SlipFixtures.TODAY.plusDays(10).toString())).post("/api/v1/slips").then()
                .statusCode(201).extract().response();
        return move(as("OFFICE"), draft, Map.of("action", "ISSUE"));
    }

    /** The slip's overdue events: payloads in order, each with the units it went to. */
    private List<JsonNode> overdueEvents(Response slip) {
        List<JsonNode> events = new ArrayList<>();
        database.preparedQuery("SELECT payload::text, unit_ids FROM domain_event WHERE type = 'slip.overdue'"
                + " AND object_type = 'Slip' AND object_id = $1 ORDER BY seq").execute(Tuple.of(slip.<String>path("id")))
                .await().indefinitely().forEach(row -> {
                    try {
                        com.fasterxml.jackson.databind.node.ObjectNode payload = (com.fasterxml.jackson.databind.node.ObjectNode) JSON
                                .readTree(row.getString(0));
                        payload.putPOJO("unitIds", Arrays.stream(row.getArrayOfUUIDs(1)).map(UUID::toString).toList());
                        events.add(payload);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return events;
    }

    private static List<String> kinds(List<JsonNode> events) {
        return events.stream().map(event -> event.path("kind").asText()).toList();
    }

    @Test
    void r9_a_slip_not_acknowledged_in_time_is_announced_once_and_one_acknowledged_in_time_is_not() throws Throwable {
        String lead = Units.registerId("OVER-" + UUID.randomUUID().toString().substring(0, 6), "逾期单位");
        String taskId = SlipFixtures.task(lead, null);
        Response unsigned = issued(taskId);
        Response signed = move(asUnit("UNIT_LIAISON", lead), issued(taskId), Map.of("action", "ACKNOWLEDGE"));

        later(Duration.ofHours(47));
        scanNow();
        assertThat(overdueEvents(unsigned)).isEmpty();

        later(Duration.ofHours(49));
        assertThat(scanNow().acknowledgement()).isPositive();
        scanNow();
        List<JsonNode> events = overdueEvents(unsigned);
        assertThat(kinds(events)).containsExactly("ACKNOWLEDGEMENT");
        JsonNode event = events.get(0);
        assertThat(event.path("slipType").asText()).isEqualTo("ASSIGNMENT");
        assertThat(event.path("number").asText()).isEqualTo(unsigned.<String>path("number"));
        assertThat(event.path("taskId").asText()).isEqualTo(taskId);
        assertThat(event.path("code").asText()).isNotEmpty();
        assertThat(event.path("deadline").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(JSON.convertValue(event.path("unitIds"), List.class)).containsExactly(lead);
        assertThat(overdueEvents(signed)).isEmpty();

        // the stamp is no change of the slip: the unit's ETag still holds for its next move
        move(asUnit("UNIT_LIAISON", lead), unsigned, Map.of("action", "ACKNOWLEDGE"));
    }

    @Test
    void r9_a_slip_without_an_accepted_response_by_its_deadline_is_announced_once_even_by_two_scans_at_once()
            throws Throwable {
        String lead = Units.registerId("LATE-" + UUID.randomUUID().toString().substring(0, 6), "超期单位");
        String taskId = SlipFixtures.task(lead, null);
        List<Response> open = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            open.add(move(asUnit("UNIT_LIAISON", lead), issued(taskId), Map.of("action", "ACKNOWLEDGE")));
        }
        Response responded = move(asUnit("UNIT_LIAISON", lead), move(asUnit("UNIT_LIAISON", lead), issued(taskId),
                Map.of("action", "ACKNOWLEDGE")), Map.of("action", "RESPOND", "comment", "已办理"));
        Response accepted = move(as("OFFICE"), responded, Map.of("action", "ACCEPT_RESPONSE"));
        Response waiting = move(asUnit("UNIT_LIAISON", lead), move(asUnit("UNIT_LIAISON", lead), issued(taskId),
                Map.of("action", "ACKNOWLEDGE")), Map.of("action", "RESPOND", "comment", "已办理"));

        later(Duration.ofDays(11));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<SlipOverdueScan.Found> scanning = () -> {
                start.await();
                try {
                    return scanNow();
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            };
            Future<SlipOverdueScan.Found> one = pool.submit(scanning);
            Future<SlipOverdueScan.Found> two = pool.submit(scanning);
            start.countDown();
            assertThat(one.get().response() + two.get().response()).isGreaterThanOrEqualTo(open.size() + 1);
        } finally {
            pool.shutdownNow();
        }
        scanNow();
        for (Response slip : open) {
            List<JsonNode> events = overdueEvents(slip);
            assertThat(kinds(events)).containsExactly("RESPONSE");
            assertThat(events.get(0).path("deadline").asText()).isEqualTo(SlipFixtures.TODAY.plusDays(10).toString());
        }
        assertThat(kinds(overdueEvents(waiting))).containsExactly("RESPONSE");
        assertThat(overdueEvents(accepted)).isEmpty();
    }
}
