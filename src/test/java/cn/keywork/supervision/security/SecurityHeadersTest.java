package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void answers_forbid_sniffing_and_authenticated_answers_are_not_cached() {
        api().get("/api/v1/units").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-store");
        given().get("/api/v1/nothing").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void cors_admits_only_the_configured_front_end_origins() {
        given().header("Origin", "https://front.example.gov.cn").header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .options("/api/v1/units").then()
                .header("Access-Control-Allow-Origin", equalTo("https://front.example.gov.cn"));
        given().header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/units").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
