package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** R13: a task may carry its site (latitude, longitude, radius), set by the lead unit or the office. */
@QuarkusTest
class TaskSiteTest {

    private static final int YEAR = 2032;
    private static final Map<String, Object> SITE = Map.of("latitude", new BigDecimal("30.657421"),
            "longitude", new BigDecimal("104.065735"), "radiusMeters", 500);

    private static Map<String, Object> task(String lead, String partner, Map<String, Object> site) {
        Map<String, Object> body = new HashMap<>(Map.of("year", YEAR, "category", "OTHER", "title", "位置测试任务",
                "target", "目标", "content", "内容", "deadline", YEAR + "-12-31", "leadUnitId", lead,
                "cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合"))));
        if (site != null) {
            body.put("site", site);
        }
        return body;
    }

    @Test
    void r13_a_task_is_declared_with_its_site_and_a_declaration_s_put_replaces_it() {
        String lead = Units.registerId(uniqueCode("STL"), "位置牵头单位");
        String partner = Units.registerId(uniqueCode("STP"), "位置配合单位");
        Response created = asUnit("UNIT_LIAISON", lead).body(task(lead, partner, SITE)).post("/api/v1/tasks").then()
                .statusCode(201).body("site.latitude", equalTo(30.657421f)).body("site.radiusMeters", equalTo(500))
                .extract().response();
        String path = "/api/v1/tasks/" + created.path("id");
        as("OFFICE").get(path).then().statusCode(200).body("site.longitude", equalTo(104.065735f));
        asUnit("UNIT_LIAISON", lead).header("If-Match", created.header("ETag")).body(task(lead, partner, null)).put(path)
                .then().statusCode(200).body("site", nullValue());
    }

    @Test
    void r13_a_site_is_whole_and_its_coordinates_keep_six_decimals() {
        String lead = Units.registerId(uniqueCode("STW"), "位置校验单位");
        String partner = Units.registerId(uniqueCode("STX"), "位置校验配合");
        deliberatelyInvalidAs("OFFICE", null).contentType("application/json")
                .body(task(lead, partner, Map.of("latitude", 30.5, "longitude", 104.1))).post("/api/v1/tasks").then()
                .statusCode(400).body("errors[0].field", equalTo("site.radiusMeters"));
        deliberatelyInvalidAs("OFFICE", null).contentType("application/json")
                .body(task(lead, partner, Map.of("latitude", 91, "longitude", 104.1, "radiusMeters", 10)))
                .post("/api/v1/tasks").then().statusCode(400).body("errors[0].field", equalTo("site.latitude"));
        deliberatelyInvalidAs("OFFICE", null).contentType("application/json")
                .body(task(lead, partner, Map.of("latitude", new BigDecimal("30.1234567"), "longitude", 104.1, "radiusMeters", 10)))
                .post("/api/v1/tasks").then().statusCode(400).body("errors[0].field", equalTo("site.latitude"));
    }

    @Test
    void r13_the_lead_unit_or_the_office_sets_the_site_of_a_registered_task() {
        String lead = Units.registerId(uniqueCode("STA"), "位置登记单位");
        String partner = Units.registerId(uniqueCode("STB"), "位置登记配合");
        Response registered = as("OFFICE").body(task(lead, partner, null)).post("/api/v1/tasks").then().statusCode(201)
                .body("status", equalTo("ACTIVE")).body("site", nullValue()).extract().response();
        String path = "/api/v1/tasks/" + registered.path("id");
        String etag = registered.header("ETag");
        asUnit("UNIT_LIAISON", partner).header("If-Match", etag).body(SITE).put(path + "/site").then().statusCode(403);
        deliberatelyInvalidAs("UNIT_LIAISON", lead).contentType("application/json").body(SITE).put(path + "/site").then()
                .statusCode(428);
        asUnit("UNIT_LIAISON", lead).header("If-Match", "\"42\"").body(SITE).put(path + "/site").then().statusCode(412);
        etag = asUnit("UNIT_HEAD", lead).header("If-Match", etag).body(SITE).put(path + "/site").then().statusCode(200)
                .body("site.radiusMeters", equalTo(500)).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("latitude", -12.5, "longitude", -77, "radiusMeters", 100000))
                .put(path + "/site").then().statusCode(200).body("site.latitude", equalTo(-12.5f));
        String stranger = Units.registerId(uniqueCode("STS"), "位置无关单位");
        asUnit("UNIT_LIAISON", stranger).header("If-Match", etag).body(SITE).put(path + "/site").then().statusCode(404);
    }
}
