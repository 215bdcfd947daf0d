package cn.keywork.supervision.meta;

import static cn.keywork.supervision.support.Api.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What a browser front end and its developers see: CORS answers they can cache and read, and Swagger UI settings. */
@QuarkusTest
class FrontEndIntegrationTest {

    private static final String FRONT_END = "https://front.example.gov.cn";

    @Test
    void a_preflight_answer_may_be_cached_for_a_day() {
        given().header("Origin", FRONT_END).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization,Content-Type")
                .options("/api/v1/tasks/import").then()
                .header("Access-Control-Allow-Origin", equalTo(FRONT_END))
                .header("Access-Control-Max-Age", equalTo("86400"));
    }

    @Test
    void a_cross_origin_template_download_exposes_the_file_name() {
        as("OFFICE").header("Origin", FRONT_END)
                .accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/problem+json")
                .get("/api/v1/tasks/import-template").then().statusCode(200)
                .header("Content-Disposition", containsString("filename="))
                .header("Access-Control-Allow-Origin", equalTo(FRONT_END))
                .header("Access-Control-Expose-Headers", containsString("Content-Disposition"));
    }

    @Test
    void swagger_ui_shows_the_contract_extensions_and_keeps_the_authorization() {
        given().get("/q/swagger-ui/index.html").then().statusCode(200)
                .body(containsString("showExtensions: true"))
                .body(containsString("showCommonExtensions: true"))
                .body(containsString("persistAuthorization: true"));
    }
}
