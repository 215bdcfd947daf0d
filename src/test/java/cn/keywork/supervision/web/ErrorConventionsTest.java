package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.deliberatelyInvalid;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Every refusal is an RFC 9457 problem that names what is wrong, never a stack trace or HTML. */
@QuarkusTest
class ErrorConventionsTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformed_json_is_a_400_naming_where_it_broke() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON).body("{\"code\": \"A\",\n \"name\": }")
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].code", equalTo("SYNTAX"))
                .body("errors[0].message", containsString("line 2, column"));
    }

    @Test
    void a_body_that_is_not_an_object_is_a_400() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON).body("[1, 2]").post("/api/v1/units").then(), 400,
                "validation").body("errors[0].field", equalTo("body"));
    }

    @Test
    void a_missing_body_is_a_400() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON).post("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("body")).body("errors[0].code", equalTo("REQUIRED"));
    }

    @Test
    void a_wrong_type_is_a_400_naming_the_field() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", uniqueCode("T"), "name", "x", "type", "DIRECT_UNIT", "active", "yes"))
                .header("If-Match", "\"0\"")
                .put("/api/v1/units/" + Units.registerId(uniqueCode("TYPE"), "类型错误")).then(), 400, "validation")
                .body("errors[0].field", equalTo("active"))
                .body("errors[0].code", equalTo("TYPE"));
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", List.of("A"), "name", "x", "type", "DIRECT_UNIT"))
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("code"));
    }

    @Test
    void a_nested_wrong_value_is_named_by_its_path() {
        String id = Units.registerId(uniqueCode("NEST"), "嵌套字段");
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("liaisons", List.of(Map.of("name", "甲", "primary", true, "mobile", "12345"))))
                .header("If-Match", "\"0\"")
                .put("/api/v1/units/" + id + "/contact").then(), 400, "validation")
                .body("errors[0].field", equalTo("liaisons[0].mobile"))
                .body("errors[0].code", equalTo("PATTERN"));
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("liaisons", List.of(Map.of("name", "甲", "primary", true, "email", "not-an-address"))))
                .header("If-Match", "\"0\"")
                .put("/api/v1/units/" + id + "/contact").then(), 400, "validation")
                .body("errors[0].field", equalTo("liaisons[0].email"))
                .body("errors[0].code", equalTo("FORMAT"));
    }

    @Test
    void missing_required_fields_are_each_named() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON).body(Map.of("name", "无代码"))
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors.field", hasItems("code"))
                .body("errors.code", hasItems("REQUIRED"));
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body("{\"code\": null, \"name\": null, \"type\": \"DIRECT_UNIT\"}")
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors.field", hasItems("code", "name"));
    }

    @Test
    void an_oversized_field_is_a_400_naming_the_field() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", uniqueCode("BIG"), "name", "长".repeat(101), "type", "DIRECT_UNIT"))
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].code", equalTo("SIZE"));
    }

    @Test
    void an_unknown_field_is_refused_rather_than_ignored() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", uniqueCode("UNK"), "name", "x", "type", "DIRECT_UNIT", "version", 9))
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("version"))
                .body("errors[0].code", equalTo("UNKNOWN_FIELD"));
    }

    @Test
    void an_unknown_enum_value_is_a_400_listing_the_allowed_ones() {
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", uniqueCode("ENUM"), "name", "x", "type", "VILLAGE"))
                .post("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].code", equalTo("UNKNOWN_VALUE"))
                .body("errors[0].message", containsString("COUNTY_GOVERNMENT"));
    }

    @Test
    void wrong_query_values_are_400s_naming_each_parameter() {
        problem(deliberatelyInvalid().queryParam("type", "VILLAGE").get("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("type")).body("errors[0].code", equalTo("UNKNOWN_VALUE"));
        problem(deliberatelyInvalid().queryParam("parentId", "xyz").queryParam("active", "maybe").get("/api/v1/units").then(),
                400, "validation")
                .body("errors.field", hasItems("parentId", "active"));
        problem(deliberatelyInvalid().queryParam("page", "first").get("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("page"));
        problem(deliberatelyInvalid().queryParam("size", 201).get("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("size")).body("errors[0].code", equalTo("RANGE"));
        problem(deliberatelyInvalid().queryParam("page", 0).get("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("page"));
        problem(deliberatelyInvalid().queryParam("q", "x".repeat(101)).get("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void sorting_is_checked_against_the_allowed_fields() {
        problem(deliberatelyInvalid().queryParam("sort", "name,-password").get("/api/v1/units").then(), 400, "validation")
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", containsString("password"));
        problem(deliberatelyInvalid().queryParam("sort", "name;drop table org_unit").get("/api/v1/units").then(), 400,
                "validation");
        api().queryParam("sort", "-createdAt,code").get("/api/v1/units").then().statusCode(200);
    }

    @Test
    void a_malformed_id_in_the_path_is_a_400_naming_it() {
        problem(deliberatelyInvalid().get("/api/v1/units/not-a-uuid").then(), 400, "validation")
                .body("errors[0].field", equalTo("unitId"));
    }

    @Test
    void a_malformed_if_match_is_a_400() {
        String id = Units.registerId(uniqueCode("TAG"), "标签");
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", uniqueCode("TAG"), "name", "x", "type", "DIRECT_UNIT", "active", true))
                .header("If-Match", "W/\"0\"").put("/api/v1/units/" + id).then(), 400, "validation")
                .body("errors[0].field", equalTo("If-Match"));
        problem(deliberatelyInvalid().contentType(ContentType.JSON)
                .body(Map.of("code", uniqueCode("TAG"), "name", "x", "type", "DIRECT_UNIT", "active", true))
                .header("If-Match", "\"abc\"").put("/api/v1/units/" + id).then(), 400, "validation");
    }

    @Test
    void an_unknown_route_is_a_404_problem() {
        problem(deliberatelyInvalid().get("/api/v1/nothing-here").then(), 404, "not-found");
        problem(deliberatelyInvalid().get("/no/such/page").then(), 404, "not-found")
                .body("instance", equalTo("/no/such/page"));
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        problem(deliberatelyInvalid().patch("/api/v1/units").then(), 405, "method-not-allowed");
    }

    @Test
    void a_wrong_media_type_is_a_415_problem() {
        problem(deliberatelyInvalid().contentType(ContentType.XML).body("<unit/>").post("/api/v1/units").then(), 415,
                "unsupported-media-type");
        problem(deliberatelyInvalid().contentType(ContentType.TEXT).body("code=A").post("/api/v1/units").then(), 415,
                "unsupported-media-type");
    }

    @Test
    void an_unacceptable_accept_header_is_a_406_problem() {
        problem(deliberatelyInvalid().accept("text/html").get("/api/v1/units").then(), 406, "not-acceptable");
    }

    @Test
    void an_oversized_body_is_a_413_problem_and_nothing_is_saved() {
        String marker = uniqueCode("HUGE");
        String body = "{\"code\":\"" + marker + "\",\"name\":\"" + "x".repeat(300 * 1024) + "\",\"type\":\"DIRECT_UNIT\"}";
        problem(deliberatelyInvalid().contentType(ContentType.JSON).body(body).post("/api/v1/units").then(), 413,
                "payload-too-large");
        api().queryParam("q", marker).get("/api/v1/units").then().body("total", equalTo(0));
    }

    @Test
    void problems_reveal_no_internals() {
        String body = deliberatelyInvalid().contentType(ContentType.JSON).body("{\"code\": \"A\", \"name\": ")
                .post("/api/v1/units").then().extract().asString();
        assertThat(body).doesNotContain("Exception", "at cn.", "at io.", "com.fasterxml", "SELECT", "org_unit");
    }

    static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(PROBLEM)
                .header("X-Request-Id", notNullValue())
                .body("type", equalTo("urn:keywork:problem:" + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("requestId", notNullValue())
                .body("$", not(org.hamcrest.Matchers.hasKey("stackTrace")));
    }
}
