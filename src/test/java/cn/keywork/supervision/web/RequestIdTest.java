package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.deliberatelyInvalid;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdTest {

    @Test
    void a_well_formed_request_id_is_echoed() {
        api().header("X-Request-Id", "client-42.abc_DEF").when().get("/api/v1/units")
                .then().statusCode(200).header("X-Request-Id", "client-42.abc_DEF");
    }

    @Test
    void a_missing_request_id_is_generated() {
        String id = api().when().get("/api/v1/meta/enums").then().statusCode(200).extract().header("X-Request-Id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void a_malformed_request_id_is_replaced_not_echoed() {
        String sent = "evil\" value with spaces";
        String answered = api().header("X-Request-Id", sent).when().get("/api/v1/units")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(answered).isNotEqualTo(sent).hasSize(36);
        String tooLong = "a".repeat(129);
        assertThat(api().header("X-Request-Id", tooLong).when().get("/api/v1/units").then().extract().header("X-Request-Id"))
                .isNotEqualTo(tooLong);
    }

    @Test
    void problems_and_unknown_routes_carry_the_request_id_too() {
        deliberatelyInvalid().header("X-Request-Id", "trace-404").when().get("/nowhere")
                .then().statusCode(404).header("X-Request-Id", "trace-404").body("requestId", equalTo("trace-404"));
        deliberatelyInvalid().header("X-Request-Id", "trace-405").when().delete("/api/v1/units")
                .then().statusCode(405).header("X-Request-Id", "trace-405").body("requestId", equalTo("trace-405"));
    }

    @Test
    void log_lines_written_while_serving_a_request_carry_its_id() {
        String code = uniqueCode("LOG");
        try (LogCapture logs = LogCapture.of("cn.keywork")) {
            api().header("X-Request-Id", "log-trace-1").body(Map.of("code", code, "name", "日志", "type", "DIRECT_UNIT"))
                    .when().post("/api/v1/units").then().statusCode(201);
            assertThat(logs.records())
                    .filteredOn(record -> record.getFormattedMessage().contains(code))
                    .isNotEmpty()
                    .allSatisfy(record -> assertThat(record.getMdc("requestId")).isEqualTo("log-trace-1"));
        }
    }
}
