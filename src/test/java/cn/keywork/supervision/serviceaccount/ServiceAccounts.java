package cn.keywork.supervision.serviceaccount;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Service accounts made through the API, and the client-credentials grant as an OAuth 2.0 client sends it. */
final class ServiceAccounts {

    /** What a creation answered once. */
    record Created(String id, String clientId, String clientSecret, String etag) {
    }

    private ServiceAccounts() {
    }

    static Created create(String role, String unitId) {
        Map<String, Object> input = new HashMap<>(Map.of("name", "同步程序", "role", role));
        if (unitId != null) {
            input.put("unitId", unitId);
        }
        Response created = api().body(input).post("/api/v1/service-accounts").then().statusCode(201).extract().response();
        return new Created(created.path("id"), created.path("clientId"), created.path("clientSecret"),
                created.header("ETag"));
    }

    /** {@code Authorization: Basic base64(urlencode(id):urlencode(secret))}, RFC 6749 §2.3.1. */
    static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A form body, written out (the contract validator reads a body, not REST Assured's form
     * parameters): names and values alternate.
     */
    static RequestSpecification form(String... namesAndValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return anonymous().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).body(body.toString());
    }

    /** The grant with the credentials in HTTP Basic. */
    static Response grantByBasic(String clientId, String secret) {
        return form("grant_type", "client_credentials").header("Authorization", basic(clientId, secret))
                .post("/api/v1/auth/token");
    }

    /** The grant with the credentials in the body. */
    static Response grantInBody(String clientId, String secret) {
        return form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret)
                .post("/api/v1/auth/token");
    }

    static String token(Created account) {
        return grantByBasic(account.clientId(), account.clientSecret()).then().statusCode(200).extract().path("access_token");
    }
}
