package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.deliberatelyInvalid;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A refused body names every offending field at once, whatever kind of fault each one is. */
@QuarkusTest
class AllFieldErrorsTest {

    @Test
    void a_body_with_a_missing_an_unknown_and_a_wrongly_typed_field_and_one_out_of_range_lists_all_four() {
        Map<String, Object> body = Map.of("name", "x".repeat(101), "type", 42, "colour", "blue");
        deliberatelyInvalid().contentType(ContentType.JSON).body(body).post("/api/v1/units").then().statusCode(400)
                .body("detail", equalTo("4 fields are invalid."))
                .body("errors.field", contains("code", "colour", "name", "type"))
                .body("errors.code", contains("REQUIRED", "UNKNOWN_FIELD", "SIZE", "UNKNOWN_VALUE"));
    }

    @Test
    void faults_inside_nested_objects_and_arrays_are_named_by_their_path() {
        String unitId = api().body(Map.of("code", uniqueCode("ALL"), "name", "全部字段", "type", "DIRECT_UNIT"))
                .post("/api/v1/units").then().statusCode(201).extract().path("id");
        String etag = api().get("/api/v1/units/" + unitId + "/contact").then().statusCode(200).extract().header("ETag");
        Map<String, Object> contact = Map.of("liaisons", List.of(
                Map.of("name", "甲", "primary", "yes", "mobile", "13800000000"),
                Map.of("primary", false, "extra", 1)));
        deliberatelyInvalid().contentType(ContentType.JSON).header("If-Match", etag).body(contact)
                .put("/api/v1/units/" + unitId + "/contact").then().statusCode(400)
                .body("errors.field", contains("liaisons[0].primary", "liaisons[1].extra", "liaisons[1].name"))
                .body("errors.code", contains("TYPE", "UNKNOWN_FIELD", "REQUIRED"));
    }

    @Test
    void a_number_or_a_boolean_where_the_contract_wants_text_is_a_type_error_not_turned_into_text() {
        deliberatelyInvalid().contentType(ContentType.JSON).body("{\"code\": 7, \"name\": \"七\", \"type\": \"DIRECT_UNIT\"}")
                .post("/api/v1/units").then().statusCode(400)
                .body("errors.field", contains("code"))
                .body("errors.code", contains("TYPE"));
        deliberatelyInvalid().contentType(ContentType.JSON).body("{\"code\": \"B7\", \"name\": true, \"type\": \"DIRECT_UNIT\"}")
                .post("/api/v1/units").then().statusCode(400)
                .body("errors.field", contains("name"))
                .body("errors.code", contains("TYPE"));
    }

    @Test
    void a_body_with_one_fault_is_answered_as_before() {
        deliberatelyInvalid().contentType(ContentType.JSON).body(Map.of("code", "A1", "name", "一", "type", "DIRECT_UNIT",
                "colour", "blue")).post("/api/v1/units").then().statusCode(400)
                .body("errors.field", contains("colour"))
                .body("errors.code", contains("UNKNOWN_FIELD"));
    }

    @Test
    void an_explicit_null_the_contract_does_not_allow_is_listed_beside_the_other_faults() {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("code", "A1", "type", 42));
        body.put("name", null);
        body.put("shortName", null);
        deliberatelyInvalid().contentType(ContentType.JSON).body(body).post("/api/v1/units").then().statusCode(400)
                .body("errors.field", contains("name", "shortName", "type"))
                .body("errors.code", contains("REQUIRED", "REQUIRED", "UNKNOWN_VALUE"));
    }
}
