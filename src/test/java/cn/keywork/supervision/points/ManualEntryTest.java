package cn.keywork.supervision.points;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** R16: manual entries — proposed with a reason, effective only once a second assessment account approves (four eyes). */
@QuarkusTest
class ManualEntryTest {

    private static RequestSpecification secondAssessment() {
        String username = "t-assessment-2-" + UUID.randomUUID().toString().substring(0, 6);
        TestAccounts.createAccount(username, "ASSESSMENT", null);
        return Api.anonymous().auth().oauth2(TestAccounts.activate(username));
    }

    @Test
    void r16_the_proposer_may_not_approve_a_manual_entry_a_second_assessment_account_does() {
        String unit = Units.registerId(Api.uniqueCode("MAN"), "市应急管理局");
        String id = as("ASSESSMENT").body(Map.of("unitId", unit, "points", 1.5, "reason", "市领导批示表扬：防汛工作成效突出"))
                .post("/api/v1/assessment/entries").then().statusCode(201).body("status", equalTo("PROPOSED"))
                .body("source", equalTo("MANUAL")).extract().path("id");
        String path = "/api/v1/assessment/entries/" + id;

        as("ASSESSMENT").body(Map.of("approve", true)).post(path + "/approval").then().statusCode(403)
                .body("detail", containsString("Four eyes"));
        as("OFFICE").body(Map.of("approve", true)).post(path + "/approval").then().statusCode(403);
        as("OFFICE").get(path).then().statusCode(200).body("status", equalTo("PROPOSED"));

        RequestSpecification second = secondAssessment();
        second.body(Map.of("approve", true, "reason", "经核实同意")).post(path + "/approval").then().statusCode(200)
                .body("status", equalTo("EFFECTIVE")).body("decisionReason", equalTo("经核实同意"));
        secondAssessment().body(Map.of("approve", false)).post(path + "/approval").then().statusCode(409);

        asUnit("UNIT_LIAISON", unit).get(path).then().statusCode(200).body("points", equalTo(1.5f));
        asUnit("UNIT_LIAISON", unit).get("/api/v1/assessment/entries?source=MANUAL").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        String other = Units.registerId(Api.uniqueCode("MAN"), "市民政局");
        asUnit("UNIT_LIAISON", other).get(path).then().statusCode(404);
        as("LEADER").get(path + "/basis").then().statusCode(200).body("entry.reason", containsString("防汛"));
    }

    @Test
    void r16_an_office_proposal_rejected_counts_nothing_and_unknown_evidence_is_refused() {
        String unit = Units.registerId(Api.uniqueCode("MAN"), "市城市管理局");
        as("OFFICE").body(Map.of("unitId", unit, "points", -1, "reason", "专项检查发现问题",
                "attachmentIds", List.of(UUID.randomUUID().toString()))).post("/api/v1/assessment/entries").then()
                .statusCode(404);
        String id = as("OFFICE").body(Map.of("unitId", unit, "points", -1, "reason", "专项检查发现问题"))
                .post("/api/v1/assessment/entries").then().statusCode(201).extract().path("id");
        as("ASSESSMENT").body(Map.of("approve", false, "reason", "依据不足")).post("/api/v1/assessment/entries/" + id + "/approval")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
    }
}
