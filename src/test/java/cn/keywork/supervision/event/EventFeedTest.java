package cn.keywork.supervision.event;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The event feed and its live stream: commit order without gaps or repeats, scoping, filters. */
@QuarkusTest
class EventFeedTest {

    /** A copy of a real event (so its payload is what the contract describes), under a new id. */
    private static final String COPY = """
            INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at)
            SELECT gen_random_uuid(), type, object_type, object_id, unit_ids, period, payload, now()
              FROM domain_event WHERE id = $1
            RETURNING cast(id AS text)""";

    @Inject
    Pool database;

    @Test
    void a_follower_from_cursor_zero_sees_every_committed_event_once_in_commit_order_while_eight_writers_race_and_one_commits_late()
            throws Exception {
        String unit = Units.registerId(Api.uniqueCode("FEED"), "事件流单位");
        String template = latestEventOf(SlipFixtures.task(unit, null));
        Set<String> written = ConcurrentHashMap.newKeySet();

        // A slow transaction takes its transaction id first and commits after all the others.
        CountDownLatch slowWrote = new CountDownLatch(1);
        var slow = database.withTransaction(connection -> connection.preparedQuery(COPY).execute(Tuple.of(uuid(template)))
                .invoke(rows -> {
                    written.add(rows.iterator().next().getString(0));
                    slowWrote.countDown();
                })
                .chain(() -> connection.query("SELECT pg_sleep(2.5)").execute()))
                .subscribeAsCompletionStage();
        assertThat(slowWrote.await(10, TimeUnit.SECONDS)).isTrue();

        // A rolled-back transaction's event must never appear.
        String[] rolledBack = new String[1];
        try {
            database.withTransaction(connection -> connection.preparedQuery(COPY).execute(Tuple.of(uuid(template)))
                    .invoke(rows -> rolledBack[0] = rows.iterator().next().getString(0))
                    .chain(() -> connection.query("SELECT 1 / 0").execute()))
                    .await().indefinitely();
        } catch (RuntimeException expected) {
            // division by zero: the transaction rolls back
        }
        assertThat(rolledBack[0]).isNotNull();

        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            done.add(writers.submit(() -> {
                for (int t = 0; t < 12; t++) {
                    int events = 1 + ThreadLocalRandom.current().nextInt(3);
                    double pause = ThreadLocalRandom.current().nextInt(40) / 1000.0;
                    database.withTransaction(connection -> {
                        var chain = connection.preparedQuery(COPY).execute(Tuple.of(uuid(template)))
                                .invoke(rows -> written.add(rows.iterator().next().getString(0)));
                        for (int e = 1; e < events; e++) {
                            chain = chain.chain(() -> connection.preparedQuery(COPY).execute(Tuple.of(uuid(template))))
                                    .invoke(rows -> written.add(rows.iterator().next().getString(0)));
                        }
                        return chain.chain(() -> connection.query("SELECT pg_sleep(" + pause + ")").execute());
                    }).await().indefinitely();
                }
            }));
        }

        // The follower reads while they write, from the very beginning of the log.
        String token = TestAccounts.token("OFFICE");
        Map<String, Integer> seen = new HashMap<>();
        List<String> cursors = new ArrayList<>();
        String after = "0";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        boolean writersDone = false;
        while (System.nanoTime() < deadline) {
            JsonPath page = Api.anonymous().auth().oauth2(token).queryParam("after", after).queryParam("limit", 1000)
                    .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                seen.merge((String) item.get("id"), 1, Integer::sum);
                cursors.add((String) item.get("cursor"));
            }
            after = page.getString("nextCursor");
            writersDone = writersDone || (done.stream().allMatch(Future::isDone) && slow.toCompletableFuture().isDone());
            if (writersDone && items.isEmpty() && seen.keySet().containsAll(written)) {
                break;
            }
            if (items.isEmpty()) {
                Thread.sleep(50);
            }
        }
        writers.shutdown();
        for (Future<?> future : done) {
            future.get();
        }
        slow.toCompletableFuture().get();

        assertThat(written.size()).isGreaterThanOrEqualTo(1 + 8 * 12);
        assertThat(seen.keySet()).containsAll(written).doesNotContain(rolledBack[0]);
        assertThat(seen.entrySet().stream().filter(entry -> entry.getValue() > 1).toList()).isEmpty();
        List<String> ordered = new ArrayList<>(cursors);
        ordered.sort(EventFeedTest::byPosition);
        assertThat(cursors).isEqualTo(ordered);
        assertThat(Set.copyOf(cursors)).hasSameSizeAs(cursors);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_unit_follower_sees_only_the_events_naming_its_unit_and_the_offices_see_both() {
        String mine = Units.registerId(Api.uniqueCode("FEEDA"), "事件流甲单位");
        String other = Units.registerId(Api.uniqueCode("FEEDB"), "事件流乙单位");
        String start = as("OFFICE").queryParam("limit", 1).queryParam("types", "cycle.finished")
                .get("/api/v1/events").then().statusCode(200).extract().path("nextCursor");
        String myTask = SlipFixtures.task(mine, null);
        String otherTask = SlipFixtures.task(other, null);

        List<Map<String, Object>> unitView = readAll(() -> asUnit("UNIT_LIAISON", mine), start, null);
        assertThat(unitView).isNotEmpty();
        assertThat(unitView).allSatisfy(item -> assertThat((List<Object>) item.get("unitIds")).contains((Object) mine));
        assertThat(unitView).anySatisfy(item -> assertThat(item.get("objectId")).isEqualTo(myTask));
        assertThat(unitView).noneSatisfy(item -> assertThat(item.get("objectId")).isEqualTo(otherTask));

        List<Map<String, Object>> officeView = readAll(() -> as("OFFICE"), start, "task.registered");
        assertThat(officeView).extracting(item -> item.get("objectId")).contains(myTask, otherTask);
        assertThat(officeView).allSatisfy(item -> assertThat(item.get("type")).isEqualTo("task.registered"));
    }

    @Test
    void a_narrow_filter_moves_the_cursor_past_what_it_skipped_and_an_empty_answer_keeps_it() {
        String unit = Units.registerId(Api.uniqueCode("FEEDC"), "事件流丙单位");
        SlipFixtures.task(unit, null);
        // Nothing of this type is ever written in the tests: the cursor still moves to the newest visible event.
        String skipped = as("OFFICE").queryParam("types", "assessment.frozen").queryParam("types", "meeting.held")
                .queryParam("after", "0").queryParam("limit", 1000).get("/api/v1/events").then().statusCode(200)
                .extract().path("nextCursor");
        String newest = as("OFFICE").queryParam("types", "task.registered").queryParam("after", skipped)
                .get("/api/v1/events").then().statusCode(200).body("items.size()", equalTo(0))
                .extract().path("nextCursor");
        assertThat(newest).isEqualTo(skipped);
    }

    @Test
    void the_live_stream_pushes_committed_events_with_their_cursor_as_id_and_a_reconnection_with_last_event_id_loses_and_repeats_nothing()
            throws Exception {
        String unit = Units.registerId(Api.uniqueCode("FEEDS"), "事件推送单位");
        String token = TestAccounts.token("UNIT_LIAISON", unit);
        String start = asUnit("UNIT_LIAISON", unit).get("/api/v1/events").then().statusCode(200).extract().path("nextCursor");
        HttpClient client = HttpClient.newHttpClient();
        URI stream = URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/events/stream");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Set<String> tasks = ConcurrentHashMap.newKeySet();
        CountDownLatch reconnected = new CountDownLatch(1);
        // The client side of SSE: read until the server ends the stream, then reconnect after the last id.
        Thread reader = new Thread(() -> {
            String lastId = start;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            int connections = 0;
            while (System.nanoTime() < deadline && (connections < 2 || !seenAll(lines, tasks))) {
                connections++;
                if (connections == 2) {
                    reconnected.countDown();
                }
                try {
                    HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(stream)
                            .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream")
                            .header("Last-Event-ID", lastId).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
                    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            lines.add(line);
                            if (field(line, "id") != null) {
                                lastId = field(line, "id");
                            }
                        }
                    }
                } catch (java.io.IOException | InterruptedException e) {
                    lines.add("! " + e);
                    return;
                }
            }
        });
        reader.start();
        String other = Units.registerId(Api.uniqueCode("FEEDT"), "别的单位");
        SlipFixtures.task(other, null);
        tasks.add(SlipFixtures.task(unit, null));
        // the next one after the server ended the first stream: it arrives through the reconnection
        assertThat(reconnected.await(30, TimeUnit.SECONDS)).isTrue();
        tasks.add(SlipFixtures.task(unit, null));
        reader.join(TimeUnit.SECONDS.toMillis(70));

        List<String> snapshot = List.copyOf(lines);
        assertThat(snapshot).as("the stream: %s", snapshot).contains("retry:2000");
        List<JsonPath> events = new ArrayList<>();
        for (int i = 0; i < snapshot.size(); i++) {
            String data = field(snapshot.get(i), "data");
            if (data == null) {
                continue;
            }
            JsonPath event = JsonPath.from(data);
            events.add(event);
            List<String> before = snapshot.subList(Math.max(0, i - 3), i);
            assertThat(before).anySatisfy(line -> assertThat(field(line, "event")).isEqualTo(event.getString("type")));
            assertThat(before).anySatisfy(line -> assertThat(field(line, "id")).isEqualTo(event.getString("cursor")));
            assertThat(event.getList("unitIds", String.class)).contains(unit);
        }
        assertThat(events).extracting(event -> event.getString("objectId")).containsAll(tasks);
        List<String> ids = events.stream().map(event -> event.getString("id")).toList();
        assertThat(Set.copyOf(ids)).as("no event twice across reconnections").hasSameSizeAs(ids);
    }

    private static boolean seenAll(List<String> lines, Set<String> tasks) {
        List<String> snapshot = List.copyOf(lines);
        return tasks.size() == 2 && tasks.stream().allMatch(task -> snapshot.stream().anyMatch(line -> line.startsWith("data:") && line.contains(task)));
    }

    private List<Map<String, Object>> readAll(Supplier<RequestSpecification> request, String after, String type) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = after;
        while (true) {
            RequestSpecification spec = request.get().queryParam("after", cursor).queryParam("limit", 1000);
            if (type != null) {
                spec = spec.queryParam("types", type);
            }
            JsonPath page = spec.get("/api/v1/events").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            all.addAll(items);
            String next = page.getString("nextCursor");
            if (items.isEmpty() || next.equals(cursor)) {
                return all;
            }
            cursor = next;
        }
    }

    private static String field(String line, String name) {
        return line.startsWith(name + ":") ? line.substring(name.length() + 1).stripLeading() : null;
    }

    private String latestEventOf(String objectId) {
        return database.preparedQuery("SELECT cast(id AS text) FROM domain_event WHERE object_id = $1 ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(objectId)).await().indefinitely().iterator().next().getString(0);
    }

    private static java.util.UUID uuid(String text) {
        return java.util.UUID.fromString(text);
    }

    private static int byPosition(String a, String b) {
        String[] x = a.split("-");
        String[] y = b.split("-");
        int tx = new java.math.BigInteger(x[0]).compareTo(new java.math.BigInteger(y[0]));
        return tx != 0 ? tx : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
    }
}
