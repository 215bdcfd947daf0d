package cn.keywork.supervision.points;

import static cn.keywork.supervision.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.AssessmentFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R16: the yearly rule book — a draft written by the assessment office, activated, and never changed once active. */
@QuarkusTest
class RuleBookTest {

    @Inject
    Pool database;

    private static Map<String, Object> book(String title, double orderPoints) {
        return Map.of("title", title, "baseScore", 100, "deductionCap", 20, "objectionDays", 15, "rules", List.of(
                Map.of("code", "ORDER_ISSUED", "description", "被下发督办单的，每件扣分", "eventType", "slip.deduction_basis",
                        "condition", Map.of(), "points", orderPoints, "appliesTo", "TARGET"),
                Map.of("code", "RED_MONTH", "description", "月度亮红灯的扣0.5分", "eventType", "light.changed",
                        "condition", Map.of("light", "RED"), "points", -0.5, "appliesTo", "LEAD", "capPerUnit", 3),
                Map.of("code", "COMPLETED", "description", "按期完成的加1分，配合单位按50%", "eventType", "task.completed",
                        "points", 1, "appliesTo", "LEAD_AND_COOPERATING", "cooperatingShare", 0.5)));
    }

    @Test
    void r16_a_draft_is_written_activated_and_the_active_version_never_changes() {
        int year = AssessmentFixtures.freshYear();
        String path = "/api/v1/assessment/rule-books/" + year;
        as("OFFICE").get(path).then().statusCode(404);
        as("OFFICE").body(book("细则", -2)).put(path + "/draft").then().statusCode(403);

        Response draft = as("ASSESSMENT").body(book(year + "年度考核细则", -2)).put(path + "/draft").then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("version", equalTo(1)).body("rules.size()", equalTo(3))
                .body("rules[1].condition.light", equalTo("RED")).extract().response();
        as("ASSESSMENT").body(book("细则", -2)).put(path + "/draft").then().statusCode(428);
        as("ASSESSMENT").header("If-Match", "\"999\"").body(book("细则", -2)).put(path + "/draft").then().statusCode(412);
        String etag = as("ASSESSMENT").header("If-Match", draft.header("ETag")).body(book(year + "年度考核细则", -3))
                .put(path + "/draft").then().statusCode(200).body("rules[0].points", equalTo(-3f)).extract().header("ETag");

        Response active = as("ASSESSMENT").header("If-Match", etag).post(path + "/activation").then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("version", equalTo(1)).extract().response();
        assertThat(events(year)).isEqualTo(1);
        as("ASSESSMENT").header("If-Match", etag).body(book("改动生效版本", -5)).put(path + "/draft").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("never changes"));
        as("ASSESSMENT").header("If-Match", active.header("ETag")).post(path + "/activation").then().statusCode(404);
        as("LEADER").get(path).then().statusCode(200).body("active.version", equalTo(1))
                .body("active.rules[0].points", equalTo(-3f)).body("draft", org.hamcrest.Matchers.nullValue());

        String second = as("ASSESSMENT").body(book(year + "年度考核细则（修订）", -2)).put(path + "/draft").then()
                .statusCode(200).body("version", equalTo(2)).extract().header("ETag");
        as("OFFICE").get(path).then().statusCode(200).body("active.version", equalTo(1)).body("draft.version", equalTo(2));
        as("ASSESSMENT").header("If-Match", second).post(path + "/activation").then().statusCode(200)
                .body("version", equalTo(2));
        as("AUDITOR").get(path + "?version=1").then().statusCode(200).body("active.status", equalTo("SUPERSEDED"))
                .body("active.rules[0].points", equalTo(-3f));
        as("OFFICE").get("/api/v1/assessment/rule-books").then().statusCode(200);
        assertThat(events(year)).isEqualTo(2);
    }

    @Test
    void r16_a_rule_takes_only_the_conditions_its_event_supports() {
        int year = AssessmentFixtures.freshYear();
        Map<String, Object> body = Map.of("title", "细则", "baseScore", 100, "objectionDays", 15, "rules", List.of(
                Map.of("code", "ISSUED", "description", "下发", "eventType", "slip.issued", "condition", Map.of("light", "RED"),
                        "points", -1, "appliesTo", "TARGET")));
        Api.as("ASSESSMENT").body(body).put("/api/v1/assessment/rule-books/" + year + "/draft").then().statusCode(400)
                .body("errors[0].field", equalTo("rules[0].condition.light"));
    }

    private long events(int year) {
        return database.preparedQuery("SELECT count(*) FROM domain_event WHERE type = 'points.rule_book_activated' AND period = $1")
                .execute(Tuple.of(Integer.toString(year))).await().indefinitely().iterator().next().getLong(0);
    }
}
