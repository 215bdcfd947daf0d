package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class IdempotencyTest {

    @Inject
    Pool database;

    @Test
    void a_replay_with_the_same_key_and_body_returns_the_first_answer_and_creates_nothing() {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode("IDEM");
        Map<String, Object> body = Map.of("code", code, "name", "幂等", "type", "DIRECT_UNIT");

        Response first = api().header("Idempotency-Key", key).body(body).when().post("/api/v1/units")
                .then().statusCode(201).extract().response();
        Response replay = api().header("Idempotency-Key", key).body(body).when().post("/api/v1/units")
                .then().statusCode(201).header("Idempotency-Replayed", "true").extract().response();

        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("ETag")).isEqualTo(first.header("ETag"));
        api().queryParam("q", code).when().get("/api/v1/units").then().body("total", equalTo(1));
    }

    @Test
    void the_same_key_with_a_different_body_is_a_422() {
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(Map.of("code", uniqueCode("K1"), "name", "一", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units").then().statusCode(201);
        String other = uniqueCode("K2");
        api().header("Idempotency-Key", key).body(Map.of("code", other, "name", "二", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:keywork:problem:idempotency-key-reused"));
        api().queryParam("q", other).when().get("/api/v1/units").then().body("total", equalTo(0));
    }

    @Test
    void a_failed_creation_leaves_the_key_free() {
        String key = UUID.randomUUID().toString();
        String taken = uniqueCode("TAKEN");
        api().body(Map.of("code", taken, "name", "占用", "type", "DIRECT_UNIT")).when().post("/api/v1/units").then().statusCode(201);
        Map<String, Object> clash = Map.of("code", taken, "name", "冲突", "type", "DIRECT_UNIT");
        api().header("Idempotency-Key", key).body(clash).when().post("/api/v1/units").then().statusCode(409);
        api().header("Idempotency-Key", key).body(clash).when().post("/api/v1/units").then().statusCode(409);
        api().header("Idempotency-Key", key).body(Map.of("code", uniqueCode("FREE"), "name", "再试", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units").then().statusCode(201);
    }

    @Test
    void concurrent_requests_with_one_key_create_once() throws Exception {
        String key = UUID.randomUUID().toString();
        String code = uniqueCode("CONC");
        Map<String, Object> body = Map.of("code", code, "name", "并发", "type", "DIRECT_UNIT");
        Callable<Response> post = () -> api().header("Idempotency-Key", key).body(body).when().post("/api/v1/units")
                .then().extract().response();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> answers = pool.invokeAll(java.util.Collections.nCopies(6, post));
            for (Future<Response> answer : answers) {
                assertThat(answer.get().statusCode()).isEqualTo(201);
                assertThat(answer.get().<String>path("code")).isEqualTo(code);
            }
            assertThat(answers.stream().map(this::idOf).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        api().queryParam("q", code).when().get("/api/v1/units").then().body("total", equalTo(1));
    }

    @Test
    void keys_belong_to_the_account_that_sent_them() {
        String key = UUID.randomUUID().toString();
        String first = uniqueCode("MINE");
        api().header("Idempotency-Key", key).body(Map.of("code", first, "name", "管理员甲", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units").then().statusCode(201);
        String other = "t-second-admin-" + UUID.randomUUID().toString().substring(0, 6);
        cn.keywork.supervision.support.TestAccounts.createAccount(other, "ADMIN", null);
        String token = cn.keywork.supervision.support.TestAccounts.activate(other);
        String second = uniqueCode("THEIRS");
        cn.keywork.supervision.support.Api.anonymous().auth().oauth2(token).header("Idempotency-Key", key)
                .body(Map.of("code", second, "name", "管理员乙", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units").then().statusCode(201).body("code", equalTo(second));
    }

    @Test
    void keys_are_kept_in_postgresql_so_they_survive_a_restart() {
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(Map.of("code", uniqueCode("KEEP"), "name", "持久", "type", "DIRECT_UNIT"))
                .when().post("/api/v1/units").then().statusCode(201);
        Long stored = database.preparedQuery("SELECT count(*) FROM idempotency_record WHERE idempotency_key = $1 AND status = 201")
                .execute(Tuple.of(key)).await().indefinitely().iterator().next().getLong(0);
        assertThat(stored).isEqualTo(1L);
    }

    private String idOf(Future<Response> answer) {
        try {
            return answer.get().path("id");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
