package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.ForwardedAddresses;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/** Someone guessing a password locks out their own address, not the account's owner. */
@QuarkusTest
@TestProfile(ForwardedAddresses.class)
class LockoutByAddressTest {

    private static final String ATTACKER = "203.0.113.66";
    private static final String OWNER = "198.51.100.10";

    private static Response signIn(String from, String username, String password) {
        return anonymous().header(ForwardedAddresses.HEADER, from)
                .body(Map.of("username", username, "password", password)).post("/api/v1/auth/token");
    }

    @Test
    void five_wrong_passwords_from_one_address_lock_that_address_while_the_owner_still_gets_in() {
        String username = "t-lock-" + UUID.randomUUID().toString().substring(0, 8);
        TestAccounts.createAccount(username, "OFFICE", null);
        TestAccounts.activate(username);
        for (int i = 0; i < 5; i++) {
            signIn(ATTACKER, username, "Wrong-Pass-2026x").then().statusCode(401);
        }
        signIn(ATTACKER, username, TestAccounts.PASSWORD).then().statusCode(401);
        signIn(OWNER, username, TestAccounts.PASSWORD).then().statusCode(200);
        signIn(ATTACKER, username, TestAccounts.PASSWORD).then().statusCode(401);

        anonymous().auth().oauth2(TestAccounts.token("AUDITOR")).queryParam("actor", username).queryParam("size", 50)
                .get("/api/v1/audit").then().statusCode(200)
                .body("items.action", hasItem("LOGIN_LOCKED"))
                .body("items.findAll { it.action == 'LOGIN_FAILED' && it.detail == 'account locked' }.size()", equalTo(2))
                .body("items.findAll { it.action == 'LOGIN_SUCCEEDED' }.clientAddress", hasItem(OWNER));
    }

    @Test
    void a_password_reset_lifts_the_lock_of_every_address() {
        String username = "t-lock-" + UUID.randomUUID().toString().substring(0, 8);
        String id = TestAccounts.createAccount(username, "OFFICE", null);
        TestAccounts.activate(username);
        for (int i = 0; i < 5; i++) {
            signIn(ATTACKER, username, "Wrong-Pass-2026x").then().statusCode(401);
        }
        anonymous().auth().oauth2(TestAccounts.admin()).body(Map.of("temporaryPassword", "Temporary-Pass-2026"))
                .post("/api/v1/users/" + id + "/password-reset").then().statusCode(204);
        signIn(ATTACKER, username, "Temporary-Pass-2026").then().statusCode(200);
    }
}
