package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.LogCapture;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** 等保 8.1.4.3: every change and refusal leaves a chained, unchangeable audit event. */
@QuarkusTest
class AuditTrailTest {

    @Inject
    Pool database;

    @Inject
    cn.keywork.supervision.audit.AnonymousRefusals anonymousRefusals;

    private static io.restassured.specification.RequestSpecification auditor() {
        return anonymous().auth().oauth2(TestAccounts.token("AUDITOR"));
    }

    @Test
    void a_change_is_audited_with_its_actor_and_before_after() {
        String id = Units.registerId(uniqueCode("AUD"), "审计前");
        Response unit = api().get("/api/v1/units/" + id).then().extract().response();
        api().header("If-Match", unit.header("ETag")).body(Map.of("code", unit.<String>path("code"), "name", "审计后",
                "type", "MUNICIPAL_DEPARTMENT", "active", true)).put("/api/v1/units/" + id).then().statusCode(200);

        auditor().queryParam("objectId", id).get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].action", equalTo("UNIT_UPDATED"))
                .body("items[0].actor", equalTo("admin"))
                .body("items[0].actorRoles", hasItem("ADMIN"))
                .body("items[0].outcome", equalTo("SUCCESS"))
                .body("items[0].changes.name.before", equalTo("审计前"))
                .body("items[0].changes.name.after", equalTo("审计后"))
                .body("items[0].requestId", org.hamcrest.Matchers.notNullValue())
                .body("items[0].clientAddress", org.hamcrest.Matchers.notNullValue())
                .body("items[1].action", equalTo("UNIT_CREATED"));
    }

    @Test
    void personal_data_is_masked_in_audit_changes_and_absent_from_logs() {
        String id = Units.registerId(uniqueCode("MASK"), "脱敏");
        try (LogCapture logs = LogCapture.of("")) {
            api().body(Map.of("liaisons", List.of(Map.of("name", "钱七", "mobile", "13987654321",
                    "email", "qianqi@example.gov.cn", "primary", true)))).header("If-Match", "\"0\"")
                    .put("/api/v1/units/" + id + "/contact").then().statusCode(200);
            assertThat(logs.text()).doesNotContain("13987654321", "qianqi@example.gov.cn");
        }
        String events = auditor().queryParam("objectId", id).queryParam("action", "UNIT_CONTACT_REPLACED")
                .get("/api/v1/audit").then().statusCode(200).body("total", equalTo(1)).extract().asString();
        assertThat(events).contains("钱七", "139****4321", "q***@example.gov.cn").doesNotContain("13987654321", "qianqi@");
    }

    @Test
    void refusals_are_audited() throws Throwable {
        String marker = "/api/v1/units/" + java.util.UUID.randomUUID();
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> anonymousRefusals.flush());
        anonymous().get(marker).then().statusCode(401);
        io.quarkus.vertx.VertxContextSupport.subscribeAndAwait(() -> anonymousRefusals.flush());
        anonymous().auth().oauth2(TestAccounts.token("EVALUATOR")).get("/api/v1/audit").then().statusCode(403);
        auditor().queryParam("objectId", "GET " + marker).get("/api/v1/audit").then()
                .body("items[0].action", equalTo("ACCESS_UNAUTHENTICATED")).body("items[0].outcome", equalTo("FAILURE"));
        auditor().queryParam("action", "ACCESS_FORBIDDEN").queryParam("objectId", "GET /api/v1/audit")
                .get("/api/v1/audit").then().body("total", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void the_trail_cannot_be_changed_or_removed_with_sql() {
        Units.registerId(uniqueCode("RO"), "只读");
        assertThatThrownBy(() -> database.query("UPDATE audit_event SET actor = 'mallory' WHERE id = (SELECT max(id) FROM audit_event)")
                .execute().await().indefinitely()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.query("DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
                .execute().await().indefinitely()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.query("TRUNCATE audit_event").execute().await().indefinitely())
                .hasMessageContaining("append-only");
    }

    @Test
    void concurrent_writers_keep_one_unbroken_chain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> writes = new ArrayList<>(Collections.nCopies(20,
                    () -> api().body(Map.of("code", uniqueCode("CH"), "name", "并发审计", "type", "DIRECT_UNIT"))
                            .post("/api/v1/units").then().extract().statusCode()));
            for (Future<Integer> write : pool.invokeAll(writes)) {
                assertThat(write.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }
        auditor().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /** Runs last in effect: it breaks the chain on purpose and mends it, under the chain's own lock. */
    @Test
    void a_row_altered_behind_the_services_back_is_found_by_verification() {
        String id = Units.registerId(uniqueCode("TAMPER"), "篡改");
        auditor().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        long eventId = database.preparedQuery("SELECT id FROM audit_event WHERE object_id = $1 ORDER BY id LIMIT 1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
        tamper(eventId, "mallory");
        try {
            auditor().get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("firstBrokenId", equalTo((int) eventId));
        } finally {
            tamper(eventId, "admin");
        }
        auditor().get("/api/v1/audit/verify").then().body("intact", equalTo(true));
    }

    /** As a database superuser could: switch the guard off, rewrite, switch it on. */
    private void tamper(long eventId, String actor) {
        database.withTransaction(connection -> connection.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update")
                .execute()
                .chain(() -> connection.preparedQuery("UPDATE audit_event SET actor = $1 WHERE id = $2")
                        .execute(Tuple.of(actor, eventId)))
                .chain(() -> connection.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update").execute()))
                .await().indefinitely();
    }
}
