package cn.keywork.supervision.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Accounts for tests, made through the API as an administrator would, and their access tokens,
 * cached per database (tests of several profiles share one JVM).
 */
public final class TestAccounts {

    public static final String BOOTSTRAP_PASSWORD = "Bootstrap-Root-2026";
    public static final String ADMIN_PASSWORD = "Changed-Root-2026x";
    public static final String INITIAL_PASSWORD = "Initial-Pass-2026x";
    public static final String PASSWORD = "Working-Pass-2026x";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> UNITS = new ConcurrentHashMap<>();

    private TestAccounts() {
    }

    /** An access token of the bootstrap administrator, its one-time password changed on first use. */
    public static synchronized String admin() {
        return TOKENS.computeIfAbsent(database() + "|admin", key -> {
            Response signIn = signIn("admin", ADMIN_PASSWORD);
            if (signIn.statusCode() == 200) {
                return signIn.path("accessToken");
            }
            String oneTime = signIn("admin", BOOTSTRAP_PASSWORD).then().statusCode(200).extract().path("accessToken");
            changePassword(oneTime, BOOTSTRAP_PASSWORD, ADMIN_PASSWORD);
            return signIn("admin", ADMIN_PASSWORD).then().statusCode(200).extract().path("accessToken");
        });
    }

    /** A token of an account holding {@code role} (city-wide, or of a test unit for unit-bound roles). */
    public static String token(String role) {
        if (role.equals("ADMIN")) {
            return admin();
        }
        String unit = role.startsWith("UNIT_") ? homeUnit() : null;
        return token(role, unit);
    }

    /** A token of an account holding {@code role} in {@code unitId}. */
    public static synchronized String token(String role, String unitId) {
        // Not computeIfAbsent: creating the account needs the administrator's token from the same map,
        // and a nested update of a ConcurrentHashMap fails ("Recursive update") when the keys share a bin.
        String key = database() + "|" + role + "|" + unitId;
        String cached = TOKENS.get(key);
        if (cached != null) {
            return cached;
        }
        String username = "t-" + role.toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 6);
        createAccount(username, role, unitId);
        String token = activate(username);
        TOKENS.put(key, token);
        return token;
    }

    /** Creates an account with the initial password (to be changed at first sign-in). */
    public static String createAccount(String username, String role, String unitId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", username, "displayName", "测试" + role,
                "roles", List.of(role), "initialPassword", INITIAL_PASSWORD));
        if (unitId != null) {
            body.put("unitId", unitId);
        }
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body(body)
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
    }

    /** Signs in with the initial password, changes it, signs in again: a full access token. */
    public static String activate(String username) {
        String first = signIn(username, INITIAL_PASSWORD).then().statusCode(200).extract().path("accessToken");
        changePassword(first, INITIAL_PASSWORD, PASSWORD);
        return signIn(username, PASSWORD).then().statusCode(200).extract().path("accessToken");
    }

    /** The unit the unit-bound test accounts belong to. */
    public static synchronized String homeUnit() {
        return UNITS.computeIfAbsent(database(), key -> given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "HOME-" + UUID.randomUUID().toString().substring(0, 6), "name", "测试承办单位",
                        "type", "MUNICIPAL_DEPARTMENT"))
                .post("/api/v1/units").then().statusCode(201).extract().path("id"));
    }

    public static Response signIn(String username, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token");
    }

    public static void changePassword(String token, String current, String next) {
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", current, "newPassword", next))
                .post("/api/v1/me/password").then().statusCode(204);
    }

    private static String database() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.reactive.url", String.class).orElse("?");
    }
}
