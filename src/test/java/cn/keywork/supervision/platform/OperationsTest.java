package cn.keywork.supervision.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OperationsTest {

    /** Health and metrics are served on the management interface, not on the public port. */
    private static io.restassured.specification.RequestSpecification management() {
        int port = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.management.test-port", Integer.class);
        return given().port(port);
    }

    @Test
    void on_the_embedded_default_the_service_listens_on_this_machine_only() {
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        org.assertj.core.api.Assertions.assertThat(config.getValue("quarkus.http.host", String.class)).isEqualTo("127.0.0.1");
        org.assertj.core.api.Assertions.assertThat(config.getValue("quarkus.management.host", String.class)).isEqualTo("127.0.0.1");
    }

    @Test
    void liveness_is_up() {
        management().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readiness_checks_the_database() {
        management().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }

    @Test
    void metrics_and_health_are_not_on_the_public_port() {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void metrics_are_exposed_for_prometheus() {
        given().get("/api/v1/units").then().statusCode(401);
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("uri=\"/api/v1/units\""));
    }
}
