package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class AuthFlowTest {

    private static String newAccount(String role) {
        String username = "t-flow-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.createAccount(username, role, null);
        TestAccounts.activate(username);
        return username;
    }

    private static Response signIn(String username, String password) {
        return anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/auth/token");
    }

    @Test
    void signing_in_answers_an_access_and_a_refresh_token() {
        String username = newAccount("OFFICE");
        signIn(username, TestAccounts.PASSWORD).then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", equalTo(1800))
                .body("refreshExpiresIn", equalTo(8 * 3600))
                .body("refreshToken", notNullValue())
                .body("mustChangePassword", equalTo(false));
    }

    @Test
    void a_wrong_password_or_unknown_user_is_a_401_that_does_not_say_which() {
        String username = newAccount("OFFICE");
        String wrong = signIn(username, "Wrong-Pass-2026x").then().statusCode(401).extract().path("detail");
        String unknown = signIn("nobody-" + UUID.randomUUID(), "Wrong-Pass-2026x").then().statusCode(401).extract().path("detail");
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void five_failures_lock_the_account_for_the_address_for_a_while_and_each_is_audited() {
        String username = newAccount("OFFICE");
        for (int i = 0; i < 5; i++) {
            signIn(username, "Wrong-Pass-2026x").then().statusCode(401);
        }
        signIn(username, TestAccounts.PASSWORD).then().statusCode(401);
        String auditor = TestAccounts.token("AUDITOR");
        anonymous().auth().oauth2(auditor).queryParam("actor", username).queryParam("size", 50).get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", hasItem("LOGIN_LOCKED"))
                .body("items.findAll { it.action == 'LOGIN_FAILED' }.size()", equalTo(5))
                .body("items.findAll { it.action == 'LOGIN_FAILED' && it.detail == 'account locked' }.size()", equalTo(1));

        String id = api().queryParam("q", username).get("/api/v1/users").then().statusCode(200)
                .body("items[0].locked", equalTo(false)).extract().path("items[0].id");
        api().body(Map.of("temporaryPassword", "Temporary-Pass-2026")).post("/api/v1/users/" + id + "/password-reset")
                .then().statusCode(204);
        signIn(username, "Temporary-Pass-2026").then().statusCode(200).body("mustChangePassword", equalTo(true));
    }

    @Test
    void a_refresh_token_rotates_and_its_reuse_revokes_the_whole_sign_in() {
        String username = newAccount("LEADER");
        String first = signIn(username, TestAccounts.PASSWORD).then().statusCode(200).extract().path("refreshToken");
        Response refreshed = anonymous().body(Map.of("refreshToken", first)).post("/api/v1/auth/refresh")
                .then().statusCode(200).extract().response();
        String second = refreshed.path("refreshToken");
        assertThat(second).isNotEqualTo(first);
        anonymous().auth().oauth2(refreshed.<String>path("accessToken")).get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo(username));

        anonymous().body(Map.of("refreshToken", first)).post("/api/v1/auth/refresh").then().statusCode(401);
        anonymous().body(Map.of("refreshToken", second)).post("/api/v1/auth/refresh").then().statusCode(401);

        anonymous().auth().oauth2(TestAccounts.token("AUDITOR")).queryParam("action", "REFRESH_TOKEN_REUSED")
                .queryParam("size", 200).get("/api/v1/audit")
                .then().statusCode(200).body("total", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void an_expired_access_token_sent_along_does_not_block_refreshing() {
        String username = newAccount("OFFICE");
        String refresh = signIn(username, TestAccounts.PASSWORD).then().statusCode(200).extract().path("refreshToken");
        anonymous().header("Authorization", "Bearer expired.or.garbage").body(Map.of("refreshToken", refresh))
                .post("/api/v1/auth/refresh").then().statusCode(200);
        anonymous().header("Authorization", "Bearer expired.or.garbage")
                .body(Map.of("username", username, "password", TestAccounts.PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200);
    }

    @Test
    void signing_out_revokes_the_refresh_token() {
        String username = newAccount("ASSESSMENT");
        Response signedIn = signIn(username, TestAccounts.PASSWORD).then().statusCode(200).extract().response();
        anonymous().auth().oauth2(signedIn.<String>path("accessToken"))
                .body(Map.of("refreshToken", signedIn.<String>path("refreshToken")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        anonymous().body(Map.of("refreshToken", signedIn.<String>path("refreshToken"))).post("/api/v1/auth/refresh")
                .then().statusCode(401);
    }

    @Test
    void a_new_account_must_change_its_password_first() {
        String username = "t-first-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.createAccount(username, "OFFICE", null);
        Response first = signIn(username, TestAccounts.INITIAL_PASSWORD).then().statusCode(200)
                .body("mustChangePassword", equalTo(true)).extract().response();
        String token = first.path("accessToken");
        anonymous().auth().oauth2(token).get("/api/v1/units").then().statusCode(403)
                .body("detail", org.hamcrest.Matchers.containsString("Change your password"));
        anonymous().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("mustChangePassword", equalTo(true));
        TestAccounts.changePassword(token, TestAccounts.INITIAL_PASSWORD, TestAccounts.PASSWORD);
        anonymous().body(Map.of("refreshToken", first.<String>path("refreshToken"))).post("/api/v1/auth/refresh")
                .then().statusCode(401);
        String full = signIn(username, TestAccounts.PASSWORD).then().statusCode(200)
                .body("mustChangePassword", equalTo(false)).extract().path("accessToken");
        anonymous().auth().oauth2(full).get("/api/v1/units").then().statusCode(200);
    }

    @Test
    void weak_passwords_are_refused_naming_the_rule() {
        String username = newAccount("OFFICE");
        String token = signIn(username, TestAccounts.PASSWORD).then().extract().path("accessToken");
        for (String weak : List.of("Short-1a", "alllowercaseletters", "only-lower-case-x", username + "-X1y!")) {
            deliberatelyInvalidAnonymous().auth().oauth2(token).contentType("application/json")
                    .body(Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", weak))
                    .post("/api/v1/me/password").then().statusCode(400)
                    .body("errors[0].field", equalTo("newPassword"))
                    .body("errors[0].code", equalTo("RULE"));
        }
        anonymous().auth().oauth2(token).body(Map.of("currentPassword", "Not-My-Pass-2026", "newPassword", "Fresh-Pass-2026x"))
                .post("/api/v1/me/password").then().statusCode(400).body("errors[0].field", equalTo("currentPassword"));
    }

    @Test
    void the_password_hash_is_never_answered() {
        String body = api().queryParam("size", 200).get("/api/v1/users").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain("argon2", "passwordHash", "password");
    }

    @Test
    void separation_of_duties_keeps_admin_auditor_and_business_roles_apart() {
        for (List<String> mixed : List.of(List.of("ADMIN", "AUDITOR"), List.of("ADMIN", "OFFICE"), List.of("AUDITOR", "LEADER"))) {
            api().body(Map.of("username", "t-mix-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "混合",
                    "roles", mixed, "initialPassword", TestAccounts.INITIAL_PASSWORD))
                    .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("roles"));
        }
        api().body(Map.of("username", "t-nounit-" + UUID.randomUUID().toString().substring(0, 6), "displayName", "无单位",
                "roles", List.of("UNIT_LIAISON"), "initialPassword", TestAccounts.INITIAL_PASSWORD))
                .post("/api/v1/users").then().statusCode(400).body("errors[0].field", equalTo("unitId"));
    }

    @Test
    void deactivating_an_account_ends_its_sign_ins() {
        String username = newAccount("OFFICE");
        String refresh = signIn(username, TestAccounts.PASSWORD).then().extract().path("refreshToken");
        Response account = api().queryParam("q", username).get("/api/v1/users").then().extract().response();
        String id = account.path("items[0].id");
        api().header("If-Match", "\"" + account.path("items[0].version") + "\"")
                .body(Map.of("displayName", "停用", "roles", List.of("OFFICE"), "active", false))
                .put("/api/v1/users/" + id).then().statusCode(200).body("active", equalTo(false));
        anonymous().body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh").then().statusCode(401);
        signIn(username, TestAccounts.PASSWORD).then().statusCode(401);
    }
}
