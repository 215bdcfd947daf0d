package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A query parameter the contract does not declare for the operation answers 400 naming it, never a wider answer. */
@QuarkusTest
class UnknownQueryParameterTest {

    @Test
    void a_mistyped_filter_answers_400_naming_it_instead_of_the_whole_register() {
        deliberatelyInvalidAs("OFFICE", null).queryParam("unitid", UUID.randomUUID().toString())
                .get("/api/v1/tasks").then().statusCode(400)
                .body("type", equalTo("urn:keywork:problem:validation"))
                .body("errors.field", contains("unitid"))
                .body("errors.code", contains("UNKNOWN_FIELD"))
                .body("errors[0].message", containsString("unitId"));
    }

    @Test
    void every_unknown_parameter_is_named_at_once_and_the_declared_ones_pass() {
        deliberatelyInvalidAs("OFFICE", null).queryParam("pagesize", 5).queryParam("unitid", "x").queryParam("page", 1)
                .get("/api/v1/units").then().statusCode(400)
                .body("errors.field", contains("pagesize", "unitid"))
                .body("errors.code", everyItem(equalTo("UNKNOWN_FIELD")));
        as("OFFICE").queryParam("page", 1).queryParam("size", 5).queryParam("type", "DIRECT_UNIT")
                .get("/api/v1/units").then().statusCode(200);
    }

    @Test
    void an_operation_that_reads_no_query_parameters_refuses_any() {
        deliberatelyInvalidAs("OFFICE", null).queryParam("verbose", "true").get("/api/v1/me").then().statusCode(400)
                .body("errors.field", contains("verbose"));
    }

    @Test
    void without_access_the_answer_is_401_not_a_remark_on_parameters() {
        deliberatelyInvalidAnonymous().queryParam("unitid", "x").get("/api/v1/tasks").then().statusCode(401);
    }

    @Test
    void a_boolean_that_is_neither_true_nor_false_is_refused_rather_than_read_as_false() {
        deliberatelyInvalidAs("OFFICE", null).queryParam("overdue", "maybe").get("/api/v1/slips").then().statusCode(400)
                .body("errors.field", contains("overdue")).body("errors.code", contains("TYPE"));
        deliberatelyInvalidAs("OFFICE", null).queryParam("period", "2094-02").queryParam("submitForApproval", "yes")
                .post("/api/v1/slips/proposals").then().statusCode(400).body("errors.field", contains("submitForApproval"));
        deliberatelyInvalidAs("OFFICE", null).queryParam("active", "maybe").get("/api/v1/units").then().statusCode(400)
                .body("errors.field", contains("active"));
        as("OFFICE").queryParam("overdue", "false").get("/api/v1/slips").then().statusCode(200);
    }

    @Test
    void a_parameter_given_twice_where_one_value_is_read_is_refused() {
        deliberatelyInvalidAs("OFFICE", null).queryParam("type", "URGING").queryParam("type", "ASSIGNMENT")
                .get("/api/v1/slips").then().statusCode(400).body("errors.field", contains("type"))
                .body("errors.code", contains("SYNTAX"));
    }
}
