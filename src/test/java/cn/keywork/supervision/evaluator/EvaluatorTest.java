package cn.keywork.supervision.evaluator;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The evaluator corps (R15): appointed with an EVALUATOR account, contact data kept from those who may not see it. */
@QuarkusTest
class EvaluatorTest {

    private static Map<String, Object> evaluator(String username) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "SPECIAL_SUPERVISOR", "name", "李建华",
                "affiliation", "市建筑设计研究院", "expertise", List.of("KEY_PROJECT"), "termFrom", "2026-01-01",
                "termTo", "2030-12-31", "mobile", "13800138000", "email", "li@example.com", "username", username,
                "initialPassword", TestAccounts.INITIAL_PASSWORD));
        body.put("appointmentDocument", "市督〔2026〕5号");
        return body;
    }

    private static Response appoint(String username) {
        return as("OFFICE").body(evaluator(username)).post("/api/v1/evaluators").then().statusCode(201)
                .body("username", equalTo(username)).body("active", equalTo(true)).extract().response();
    }

    @Test
    void r15_an_appointed_evaluator_signs_in_changes_the_initial_password_and_reads_their_own_record() {
        String username = "t-ev-" + UUID.randomUUID().toString().substring(0, 8);
        String id = appoint(username).path("id");
        // The account must change its initial password at first sign-in, as accounts made by an administrator.
        TestAccounts.signIn(username, TestAccounts.INITIAL_PASSWORD).then().statusCode(200)
                .body("mustChangePassword", equalTo(true));
        String token = TestAccounts.activate(username);
        anonymous().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("roles", hasItem("EVALUATOR"));
        anonymous().auth().oauth2(token).get("/api/v1/me/evaluator").then().statusCode(200).body("id", equalTo(id))
                .body("mobile", equalTo("13800138000"));
        as("OFFICE").body(evaluator(username)).post("/api/v1/evaluators").then().statusCode(409);
    }

    @Test
    void r15_contact_data_goes_to_the_office_assessment_and_admin_only() {
        String id = appoint("t-ev-" + UUID.randomUUID().toString().substring(0, 8)).path("id");
        String path = "/api/v1/evaluators/" + id;
        for (String role : List.of("OFFICE", "ASSESSMENT", "ADMIN")) {
            as(role).get(path).then().statusCode(200).body("mobile", equalTo("13800138000"))
                    .body("email", equalTo("li@example.com"));
        }
        for (String role : List.of("LEADER", "AUDITOR")) {
            as(role).get(path).then().statusCode(200).body("mobile", nullValue()).body("email", nullValue())
                    .body("name", equalTo("李建华"));
            as(role).queryParam("q", "建筑设计").get("/api/v1/evaluators").then().statusCode(200)
                    .body("items.mobile", org.hamcrest.Matchers.everyItem(nullValue()));
        }
        as("EVALUATOR").get(path).then().statusCode(403);
    }

    @Test
    void r15_deactivating_an_evaluator_disables_their_account() {
        String username = "t-ev-" + UUID.randomUUID().toString().substring(0, 8);
        Response created = appoint(username);
        String token = TestAccounts.activate(username);
        String path = "/api/v1/evaluators/" + created.path("id");
        String etag = as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("termTo", "2031-06-30"))
                .patch(path).then().statusCode(200).body("termTo", equalTo("2031-06-30"))
                .body("expertise", equalTo(List.of("KEY_PROJECT"))).extract().header("ETag");
        as("OFFICE").header("If-Match", created.header("ETag")).body(Map.of("active", false)).patch(path).then()
                .statusCode(412);
        as("OFFICE").header("If-Match", etag).body(Map.of("active", false)).patch(path).then().statusCode(200)
                .body("active", equalTo(false));
        anonymous().auth().oauth2(token).get("/api/v1/me/evaluator").then().statusCode(401);
        TestAccounts.signIn(username, TestAccounts.PASSWORD).then().statusCode(401);
        as("OFFICE").queryParam("active", false).queryParam("kind", "SPECIAL_SUPERVISOR").get("/api/v1/evaluators")
                .then().statusCode(200).body("items.id", hasItem((String) created.path("id")));
    }

    @Test
    void r15_an_affiliation_unit_must_exist_and_the_term_must_end_after_it_begins() {
        Map<String, Object> body = evaluator("t-ev-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("affiliationUnitId", UUID.randomUUID().toString());
        as("OFFICE").body(body).post("/api/v1/evaluators").then().statusCode(400);
        body.put("affiliationUnitId", Units.registerId(uniqueCode("EVU"), "评议员所在单位"));
        body.put("termTo", "2025-12-31");
        as("OFFICE").body(body).post("/api/v1/evaluators").then().statusCode(400);
        body.put("termTo", "2030-12-31");
        as("OFFICE").body(body).post("/api/v1/evaluators").then().statusCode(201).body("affiliationUnitId", notNullValue());
    }
}
