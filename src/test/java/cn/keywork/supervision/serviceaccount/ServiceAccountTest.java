package cn.keywork.supervision.serviceaccount;

import static cn.keywork.supervision.serviceaccount.ServiceAccounts.create;
import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.deliberatelyInvalid;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.EventPayloads;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/** ADMIN manages service accounts: created with a secret shown once, changed, disabled, rotated; never users. */
@QuarkusTest
class ServiceAccountTest {

    @Inject
    Pool database;

    @Test
    void creating_answers_the_client_id_and_the_secret_once_and_never_again() {
        var created = api().body(Map.of("name", "考核办同步", "role", "ASSESSMENT", "description", "nightly"))
                .post("/api/v1/service-accounts").then().statusCode(201)
                .header("Location", startsWith("/api/v1/service-accounts/"))
                .header("ETag", notNullValue())
                .header("Cache-Control", "no-store")
                .body("clientId", startsWith("svc_"))
                .body("clientSecret", notNullValue())
                .body("role", equalTo("ASSESSMENT"))
                .body("active", equalTo(true))
                .body("$", not(hasKey("secretHash")))
                .extract().response();
        String id = created.path("id");

        api().get("/api/v1/service-accounts/" + id).then().statusCode(200)
                .body("$", allOf(not(hasKey("clientSecret")), not(hasKey("secretHash"))))
                .body("clientId", equalTo(created.path("clientId")))
                .body("description", equalTo("nightly"));
        api().queryParam("size", 200).get("/api/v1/service-accounts").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }", not(hasKey("clientSecret")));
    }

    @Test
    void a_rotation_answers_a_new_secret_once() {
        var account = create("OFFICE", null);
        String fresh = api().post("/api/v1/service-accounts/" + account.id() + "/secret-rotation").then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("previousSecretExpiresAt", notNullValue())
                .extract().path("clientSecret");
        assertNotEquals(account.clientSecret(), fresh);
        api().get("/api/v1/service-accounts/" + account.id()).then().statusCode(200)
                .body("$", not(hasKey("clientSecret")));
    }

    @Test
    void an_overlap_beyond_seven_days_is_refused() {
        var account = create("OFFICE", null);
        api().body(Map.of("overlap", "P8D")).post("/api/v1/service-accounts/" + account.id() + "/secret-rotation")
                .then().statusCode(400).body("errors[0].field", equalTo("overlap"));
        api().body(Map.of("overlap", "soon")).post("/api/v1/service-accounts/" + account.id() + "/secret-rotation")
                .then().statusCode(400).body("errors[0].field", equalTo("overlap"));
    }

    @Test
    void service_accounts_are_not_users() {
        var account = create("OFFICE", null);
        api().queryParam("q", account.clientId()).get("/api/v1/users").then().statusCode(200)
                .body("total", equalTo(0));
        api().queryParam("size", 200).queryParam("role", "OFFICE").get("/api/v1/users").then().statusCode(200)
                .body("items.username", not(hasItem(account.clientId())));
        api().get("/api/v1/users/" + account.id()).then().statusCode(404);
        api().header("If-Match", "\"0\"").body(Map.of("displayName", "改名", "roles", java.util.List.of("OFFICE"),
                "active", true)).put("/api/v1/users/" + account.id()).then().statusCode(404);
    }

    @Test
    void r10_a_unit_service_account_gets_no_inbox_notification_where_the_unit_people_do() {
        String unit = Units.registerId(Api.uniqueCode("SVCN"), "通知测试单位");
        var account = create("UNIT_LIAISON", unit);
        TestAccounts.token("UNIT_LIAISON", unit); // a person of the unit
        UUID event = UUID.randomUUID();
        String taskId = UUID.randomUUID().toString();
        database.preparedQuery("""
                INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                VALUES ($1, 'report.returned', 'ProgressReport', $2, ARRAY[$3], '2026-10',
                        jsonb_build_object('taskId', $2, 'code', '2026-QT-99', 'period', '2026-10'), now(), $4)""")
                .execute(Tuple.of(event, taskId, UUID.fromString(unit), EventPayloads.FABRICATED_BY_TEST)).await().indefinitely();

        Map<String, Long> recipients = new java.util.HashMap<>();
        database.preparedQuery("""
                SELECT u.kind, count(*) FROM notification n JOIN app_user u ON u.id = n.recipient_id
                 WHERE n.cause = $1 GROUP BY u.kind""")
                .execute(Tuple.of(event.toString())).await().indefinitely()
                .forEach(row -> recipients.put(row.getString(0), row.getLong(1)));
        org.assertj.core.api.Assertions.assertThat(recipients).containsOnlyKeys("PERSON");
        // the premise: the program holds the unit's role, active, in that unit
        var program = database.preparedQuery("SELECT kind, roles, active, cast(unit_id AS text) FROM app_user WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(account.id()))).await().indefinitely().iterator().next();
        org.assertj.core.api.Assertions.assertThat(List.of(program.getString(0), program.getString(1),
                program.getBoolean(2).toString(), program.getString(3))).containsExactly("SERVICE", "UNIT_LIAISON", "true", unit);
    }

    @Test
    void admin_and_evaluator_roles_are_refused() {
        api().body(Map.of("name", "x", "role", "ADMIN")).post("/api/v1/service-accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
        api().body(Map.of("name", "x", "role", "EVALUATOR")).post("/api/v1/service-accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
    }

    @Test
    void r11_unit_roles_need_an_existing_unit_and_the_others_take_none() {
        String unit = Units.registerId(Api.uniqueCode("SVCU"), "服务账号测试单位");
        api().body(Map.of("name", "x", "role", "UNIT_LIAISON")).post("/api/v1/service-accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("unitId"));
        api().body(Map.of("name", "x", "role", "UNIT_LIAISON", "unitId", UUID.randomUUID().toString()))
                .post("/api/v1/service-accounts").then().statusCode(400)
                .body("errors[0].field", equalTo("unitId"));
        api().body(Map.of("name", "x", "role", "OFFICE", "unitId", unit)).post("/api/v1/service-accounts").then()
                .statusCode(400).body("errors[0].field", equalTo("unitId"));
        api().body(Map.of("name", "x", "role", "UNIT_HEAD", "unitId", unit)).post("/api/v1/service-accounts").then()
                .statusCode(201).body("unitId", equalTo(unit));
    }

    @Test
    void only_admin_manages_service_accounts() {
        as("OFFICE").body(Map.of("name", "x", "role", "OFFICE")).post("/api/v1/service-accounts").then().statusCode(403);
        as("AUDITOR").get("/api/v1/service-accounts").then().statusCode(403);
    }

    @Test
    void a_change_needs_if_match() {
        var account = create("OFFICE", null);
        deliberatelyInvalid().contentType("application/json").body(Map.of("name", "新名"))
                .patch("/api/v1/service-accounts/" + account.id()).then().statusCode(428);
        api().header("If-Match", "\"99\"").body(Map.of("name", "新名"))
                .patch("/api/v1/service-accounts/" + account.id()).then().statusCode(412);
        String etag = api().header("If-Match", account.etag()).body(Map.of("name", "新名", "description", "说明"))
                .patch("/api/v1/service-accounts/" + account.id()).then().statusCode(200)
                .body("name", equalTo("新名"))
                .body("description", equalTo("说明"))
                .extract().header("ETag");
        assertNotEquals(account.etag(), etag);
    }
}
