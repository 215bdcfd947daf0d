package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.api;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;

/** A unit's people act on their own unit only; personal data stays with those entitled to it. */
@QuarkusTest
class UnitScopingTest {

    private static final Map<String, Object> CONTACT = Map.of("supervisionBody", "办公室", "liaisons", List.of(
            Map.of("name", "孙丽", "mobile", "13811112222", "email", "sunli@example.gov.cn", "officePhone", "0591-7654321",
                    "primary", true)));

    private static String unitWithContact() {
        String id = Units.registerId(uniqueCode("SCOPE"), "范围测试单位");
        api().body(CONTACT).header("If-Match", "\"0\"").put("/api/v1/units/" + id + "/contact").then().statusCode(200);
        return id;
    }

    @Test
    void r11_a_liaison_maintains_the_contact_of_its_own_unit() {
        String own = unitWithContact();
        asUnit("UNIT_LIAISON", own).get("/api/v1/units/" + own + "/contact").then().statusCode(200)
                .body("liaisons[0].mobile", equalTo("13811112222"));
        asUnit("UNIT_LIAISON", own).body(Map.of("supervisionBody", "督查科", "liaisons", List.of(Map.of("name", "新联络员",
                "primary", true)))).header("If-Match", "\"1\"").put("/api/v1/units/" + own + "/contact")
                .then().statusCode(200).body("supervisionBody", equalTo("督查科"));
    }

    @Test
    void r11_another_units_contact_cannot_be_changed_and_answers_404() {
        String own = unitWithContact();
        String other = unitWithContact();
        asUnit("UNIT_HEAD", own).body(CONTACT).header("If-Match", "\"1\"").put("/api/v1/units/" + other + "/contact")
                .then().statusCode(404).body("type", equalTo("urn:keywork:problem:not-found"));
        api().get("/api/v1/units/" + other + "/contact").then().body("version", equalTo(1));
    }

    @Test
    void r11_personal_data_is_shown_to_admin_office_and_the_unit_only() {
        String own = unitWithContact();
        String other = unitWithContact();
        asUnit("UNIT_LIAISON", own).get("/api/v1/units/" + other + "/contact").then().statusCode(200)
                .body("liaisons[0].name", equalTo("孙丽"))
                .body("liaisons[0].mobile", nullValue())
                .body("liaisons[0].email", nullValue())
                .body("liaisons[0].officePhone", nullValue());
        for (String role : List.of("LEADER", "ASSESSMENT", "LEADING_GROUP")) {
            as(role).get("/api/v1/units/" + other + "/contact").then().statusCode(200).body("liaisons[0].mobile", nullValue());
        }
        as("OFFICE").get("/api/v1/units/" + other + "/contact").then().body("liaisons[0].mobile", equalTo("13811112222"));
        api().get("/api/v1/units/" + other + "/contact").then().body("liaisons[0].email", equalTo("sunli@example.gov.cn"));
    }

    @Test
    void r11_a_unit_account_cannot_assign_itself_roles_units_or_statuses() {
        String own = unitWithContact();
        asUnit("UNIT_LIAISON", own).body(Map.of("username", "t-sneaky", "displayName", "越权", "roles", List.of("ADMIN"),
                "initialPassword", "Initial-Pass-2026x")).post("/api/v1/users").then().statusCode(403);
        asUnit("UNIT_LIAISON", own).body(Map.of("code", uniqueCode("X"), "name", "改名", "type", "CITY_LEADERSHIP",
                "active", true)).header("If-Match", "\"0\"").put("/api/v1/units/" + own).then().statusCode(403);
        cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous()
                .auth().oauth2(cn.keywork.supervision.support.TestAccounts.token("UNIT_LIAISON", own))
                .contentType("application/json")
                .body(Map.of("liaisons", List.of(), "unitId", "00000000-0000-4000-8000-000000000001"))
                .header("If-Match", "\"1\"").put("/api/v1/units/" + own + "/contact")
                .then().statusCode(400).body("errors[0].code", equalTo("UNKNOWN_FIELD"));
        cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous()
                .auth().oauth2(cn.keywork.supervision.support.TestAccounts.token("UNIT_LIAISON", own))
                .contentType("application/json")
                .body(Map.of("currentPassword", "x", "newPassword", "Fresh-Pass-2026x", "roles", List.of("ADMIN")))
                .post("/api/v1/me/password")
                .then().statusCode(400).body("errors[0].field", equalTo("roles"));
    }
}
