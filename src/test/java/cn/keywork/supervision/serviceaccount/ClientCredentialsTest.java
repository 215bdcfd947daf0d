package cn.keywork.supervision.serviceaccount;

import static cn.keywork.supervision.serviceaccount.ServiceAccounts.create;
import static cn.keywork.supervision.serviceaccount.ServiceAccounts.form;
import static cn.keywork.supervision.serviceaccount.ServiceAccounts.grantByBasic;
import static cn.keywork.supervision.serviceaccount.ServiceAccounts.grantInBody;
import static cn.keywork.supervision.serviceaccount.ServiceAccounts.token;
import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;

/** The OAuth 2.0 client-credentials grant of service accounts at POST /api/v1/auth/token. */
@QuarkusTest
class ClientCredentialsTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    @Test
    void the_right_secret_by_http_basic_gets_a_bearer_token_with_the_role_as_scope_and_no_refresh_token() {
        var account = create("ASSESSMENT", null);
        String token = grantByBasic(account.clientId(), account.clientSecret()).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("ASSESSMENT"))
                .body("expires_in", notNullValue())
                .body("refresh_token", nullValue())
                .extract().path("access_token");

        anonymous().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo(account.clientId()))
                .body("roles", hasItem("ASSESSMENT"));
        api().get("/api/v1/service-accounts/" + account.id()).then().statusCode(200).body("lastUsedAt", notNullValue());
        anonymous().auth().oauth2(TestAccounts.token("AUDITOR")).queryParam("actor", account.clientId())
                .queryParam("size", 50).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("SERVICE_TOKEN_ISSUED"));
    }

    @Test
    void the_right_secret_in_the_body_gets_a_token_too() {
        var account = create("OFFICE", null);
        grantInBody(account.clientId(), account.clientSecret()).then().statusCode(200)
                .body("scope", equalTo("OFFICE"))
                .body("access_token", notNullValue());
    }

    @Test
    void a_wrong_secret_is_refused_as_invalid_client_with_the_basic_challenge() {
        var account = create("OFFICE", null);
        grantByBasic(account.clientId(), "not-the-secret").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic realm="))
                .body("error", equalTo("invalid_client"))
                .body("type", equalTo("urn:keywork:problem:unauthorized"));
        grantInBody(account.clientId(), "not-the-secret").then().statusCode(401)
                .body("error", equalTo("invalid_client"));

        anonymous().auth().oauth2(TestAccounts.token("AUDITOR")).queryParam("actor", account.clientId())
                .queryParam("size", 50).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("SERVICE_TOKEN_REFUSED"));
    }

    @Test
    void an_unknown_client_is_refused_as_invalid_client() {
        grantByBasic("svc_nobody", "whatever").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void a_grant_type_other_than_client_credentials_is_refused_as_unsupported() {
        var account = create("OFFICE", null);
        form("grant_type", "password").header("Authorization", ServiceAccounts.basic(account.clientId(), account.clientSecret()))
                .post("/api/v1/auth/token").then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void credentials_in_basic_and_in_the_body_at_once_are_refused_as_an_invalid_request() {
        var account = create("OFFICE", null);
        form("grant_type", "client_credentials", "client_id", account.clientId(), "client_secret", account.clientSecret())
                .header("Authorization", ServiceAccounts.basic(account.clientId(), account.clientSecret()))
                .post("/api/v1/auth/token").then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void after_a_rotation_the_old_secret_works_during_the_overlap_and_is_refused_after_it() {
        var account = create("LEADER", null);
        String fresh = api().body(Map.of("overlap", "PT1H"))
                .post("/api/v1/service-accounts/" + account.id() + "/secret-rotation").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue())
                .extract().path("clientSecret");

        grantByBasic(account.clientId(), account.clientSecret()).then().statusCode(200);
        grantByBasic(account.clientId(), fresh).then().statusCode(200);

        QuarkusMock.installMockForType(Clock.offset(Clock.system(CITY), Duration.ofHours(2)), Clock.class);
        grantByBasic(account.clientId(), account.clientSecret()).then().statusCode(401)
                .body("error", equalTo("invalid_client"));
        grantByBasic(account.clientId(), fresh).then().statusCode(200);
    }

    @Test
    void a_disabled_account_gets_no_token_and_its_live_token_stops() {
        var account = create("OFFICE", null);
        String token = token(account);
        anonymous().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);

        api().header("If-Match", account.etag()).body(Map.of("active", false))
                .patch("/api/v1/service-accounts/" + account.id()).then().statusCode(200).body("active", equalTo(false));

        anonymous().auth().oauth2(token).get("/api/v1/me").then().statusCode(401);
        grantByBasic(account.clientId(), account.clientSecret()).then().statusCode(401)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void r11_a_unit_liaison_service_account_sees_only_its_units_tasks() {
        String ours = Units.registerId(cn.keywork.supervision.support.Api.uniqueCode("SVC"), "服务账号单位");
        String theirs = Units.registerId(cn.keywork.supervision.support.Api.uniqueCode("SVC"), "其他单位");
        String ourTask = SlipFixtures.task(ours, null);
        String theirTask = SlipFixtures.task(theirs, null);
        String token = token(create("UNIT_LIAISON", ours));

        anonymous().auth().oauth2(token).get("/api/v1/tasks/" + ourTask).then().statusCode(200);
        anonymous().auth().oauth2(token).get("/api/v1/tasks/" + theirTask).then().statusCode(404);
        anonymous().auth().oauth2(token).queryParam("size", 200).get("/api/v1/tasks").then().statusCode(200)
                .body("items.id", hasItem(ourTask))
                .body("items.id", not(hasItem(theirTask)));
    }

    @Test
    void a_client_id_never_signs_in_with_a_password() {
        var account = create("OFFICE", null);
        TestAccounts.signIn(account.clientId(), account.clientSecret()).then().statusCode(401);
    }

    @Test
    void the_password_grant_still_takes_json_and_other_media_types_are_unsupported() {
        TestAccounts.admin();
        TestAccounts.signIn("admin", TestAccounts.ADMIN_PASSWORD).then().statusCode(200)
                .body("accessToken", notNullValue()).body("refreshToken", notNullValue());
        deliberatelyInvalidAnonymous().contentType("text/plain").body("grant_type=client_credentials")
                .post("/api/v1/auth/token").then().statusCode(415);
    }
}
