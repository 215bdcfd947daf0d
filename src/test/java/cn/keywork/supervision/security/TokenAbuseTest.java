package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * A refresh token is exchanged once even under concurrent requests, and an access token stops
 * working once its account signs out or changes (the test profile reads the cut-off on every request).
 */
@QuarkusTest
class TokenAbuseTest {

    private static String newAccount(String role) {
        String username = "t-abuse-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.createAccount(username, role, null);
        TestAccounts.activate(username);
        return username;
    }

    private static Response signIn(String username) {
        return anonymous().body(Map.of("username", username, "password", TestAccounts.PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().response();
    }

    private static void works(String accessToken) {
        anonymous().auth().oauth2(accessToken).get("/api/v1/me").then().statusCode(200);
    }

    private static void refused(String accessToken) {
        anonymous().auth().oauth2(accessToken).get("/api/v1/me").then().statusCode(401)
                .body("type", equalTo("urn:keywork:problem:unauthorized"));
    }

    @Test
    void twenty_concurrent_refreshes_of_one_token_succeed_exactly_once() throws Exception {
        String refresh = signIn(newAccount("LEADER")).path("refreshToken");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return anonymous().body(Map.of("refreshToken", refresh)).post("/api/v1/auth/refresh").statusCode();
                }, pool));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void after_signing_out_the_old_access_token_is_refused_and_a_new_sign_in_works() {
        String username = newAccount("OFFICE");
        Response signedIn = signIn(username);
        String access = signedIn.path("accessToken");
        works(access);
        anonymous().auth().oauth2(access).body(Map.of("refreshToken", signedIn.<String>path("refreshToken")))
                .post("/api/v1/auth/logout").then().statusCode(204);
        refused(access);
        works(signIn(username).path("accessToken"));
    }

    @Test
    void after_deactivation_the_old_access_token_is_refused() {
        String username = newAccount("OFFICE");
        String access = signIn(username).path("accessToken");
        works(access);
        change(username, List.of("OFFICE"), false);
        refused(access);
    }

    @Test
    void after_a_role_change_the_old_access_token_is_refused_and_the_new_role_applies_after_signing_in() {
        String username = newAccount("OFFICE");
        String access = signIn(username).path("accessToken");
        anonymous().auth().oauth2(access).get("/api/v1/tasks").then().statusCode(200);
        change(username, List.of("EVALUATOR"), true);
        refused(access);
        anonymous().auth().oauth2(signIn(username).<String>path("accessToken")).get("/api/v1/tasks").then().statusCode(403);
    }

    @Test
    void a_change_that_leaves_roles_and_unit_alone_keeps_the_token() {
        String username = newAccount("OFFICE");
        String access = signIn(username).path("accessToken");
        change(username, List.of("OFFICE"), true);
        works(access);
    }

    @Test
    void after_a_password_change_the_old_access_token_is_refused() {
        String username = newAccount("LEADER");
        String access = signIn(username).path("accessToken");
        TestAccounts.changePassword(access, TestAccounts.PASSWORD, "Another-Pass-2026x");
        refused(access);
    }

    private static void change(String username, List<String> roles, boolean active) {
        Response account = api().queryParam("q", username).get("/api/v1/users").then().extract().response();
        api().header("If-Match", "\"" + account.path("items[0].version") + "\"")
                .body(Map.of("displayName", "变更", "roles", roles, "active", active))
                .put("/api/v1/users/" + account.path("items[0].id")).then().statusCode(200);
    }
}
