package cn.keywork.supervision.demo;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.platform.ExternalDatabaseTest;
import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A demo start (R15): a dozen evaluators of every kind, each signing in with the demo password. */
@QuarkusTest
@TestProfile(ExternalDatabaseTest.Configured.class)
class DemoEvaluatorsTest {

    private static String token(String username) {
        return TestAccounts.signIn(username, "Demo-Password-2026").then().statusCode(200)
                .body("mustChangePassword", equalTo(false)).extract().path("accessToken");
    }

    @Test
    void r15_the_demo_city_has_a_dozen_evaluators_of_every_kind_who_sign_in_with_the_demo_password() {
        List<Map<String, Object>> evaluators = anonymous().auth().oauth2(token("office")).queryParam("size", 100)
                .get("/api/v1/evaluators").then().statusCode(200).extract().path("items");
        assertThat(evaluators).hasSize(12);
        assertThat(evaluators).extracting(evaluator -> evaluator.get("kind")).contains("NPC_DEPUTY", "CPPCC_MEMBER",
                "SPECIAL_SUPERVISOR", "PUBLIC_REPRESENTATIVE");
        assertThat(evaluators).filteredOn(evaluator -> evaluator.get("affiliationUnitId") != null).isNotEmpty();
        for (Map<String, Object> evaluator : evaluators) {
            anonymous().auth().oauth2(token((String) evaluator.get("username"))).get("/api/v1/me/evaluator").then()
                    .statusCode(200).body("id", equalTo(evaluator.get("id")));
        }
    }
}
