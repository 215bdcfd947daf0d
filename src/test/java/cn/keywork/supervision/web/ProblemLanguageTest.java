package cn.keywork.supervision.web;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.anonymousInDefaultLanguage;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidInDefaultLanguageAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.matchesPattern;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * Problems read in Chinese unless Accept-Language prefers English; the {@code type} and the field
 * codes are the same in both, for programs.
 */
@QuarkusTest
class ProblemLanguageTest {

    private static final String CHINESE = ".*\\p{IsHan}.*";

    private static RequestSpecification inDefaultLanguage(String role) {
        return anonymousInDefaultLanguage().auth().oauth2(TestAccounts.token(role));
    }

    @Test
    void a_validation_problem_reads_in_chinese_by_default_and_in_english_on_request() {
        Map<String, Object> invalid = Map.of("code", "-bad", "name", "", "type", "DIRECT_UNIT");
        deliberatelyInvalidInDefaultLanguageAs("ADMIN").body(invalid).post("/api/v1/units").then().statusCode(400)
                .header("Content-Language", "zh-CN")
                .body("type", equalTo("urn:keywork:problem:validation"))
                .body("title", equalTo("请求无效"))
                .body("detail", equalTo("2 个字段无效。"))
                .body("errors.code", hasItems("PATTERN", "SIZE"))
                .body("errors.message", everyItem(matchesPattern(CHINESE)));
        deliberatelyInvalidAs("ADMIN", null).header("Accept-Language", "en-GB,en;q=0.9").body(invalid).post("/api/v1/units")
                .then().statusCode(400)
                .header("Content-Language", "en")
                .body("type", equalTo("urn:keywork:problem:validation"))
                .body("title", equalTo("Invalid request"))
                .body("detail", equalTo("2 fields are invalid."))
                .body("errors.code", hasItems("PATTERN", "SIZE"))
                .body("errors.message", everyItem(not(matchesPattern(CHINESE))));
    }

    @Test
    void an_illegal_transition_reads_in_chinese_by_default_and_in_english_on_request() {
        String lead = Units.registerId(uniqueCode("LANG"), "语言测试牵头单位");
        Map<String, Object> task = Map.of("year", 2026, "category", "OTHER", "title", "语言测试", "target", "目标",
                "content", "内容", "deadline", "2026-12-31", "leadUnitId", lead);
        String taskId = asUnit("UNIT_LIAISON", lead).body(task).post("/api/v1/tasks").then().statusCode(201)
                .extract().path("id");
        String etag = as("OFFICE").get("/api/v1/tasks/" + taskId).then().statusCode(200).extract().header("ETag");

        inDefaultLanguage("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT"))
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(409)
                .header("Content-Language", "zh-CN")
                .body("type", equalTo("urn:keywork:problem:conflict"))
                .body("title", equalTo("冲突"))
                .body("detail", equalTo("状态为 DRAFT 的任务不能执行 ACCEPT；允许的操作：CANCEL, SUBMIT。"));
        as("OFFICE").header("Accept-Language", "en").header("If-Match", etag).body(Map.of("action", "ACCEPT"))
                .post("/api/v1/tasks/" + taskId + "/transitions").then().statusCode(409)
                .header("Content-Language", "en")
                .body("type", equalTo("urn:keywork:problem:conflict"))
                .body("title", equalTo("Conflict"))
                .body("detail", equalTo("A task in status DRAFT cannot ACCEPT; allowed: CANCEL, SUBMIT."));
    }

    @Test
    void a_missing_task_reads_in_chinese_by_default_and_in_english_on_request() {
        UUID missing = UUID.randomUUID();
        inDefaultLanguage("OFFICE").get("/api/v1/tasks/" + missing).then().statusCode(404)
                .header("Content-Language", "zh-CN")
                .body("type", equalTo("urn:keywork:problem:not-found"))
                .body("title", equalTo("未找到"))
                .body("detail", equalTo("任务 " + missing + " 不存在。"));
        as("OFFICE").header("Accept-Language", "en").get("/api/v1/tasks/" + missing).then().statusCode(404)
                .header("Content-Language", "en")
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("No task " + missing + "."));
    }

    @Test
    void a_missing_sign_in_reads_in_chinese_by_default_and_in_english_on_request() {
        anonymousInDefaultLanguage().get("/api/v1/units").then().statusCode(401)
                .header("Content-Language", "zh-CN")
                .body("type", equalTo("urn:keywork:problem:unauthorized"))
                .body("title", equalTo("未认证"))
                .body("detail", equalTo("请先登录再使用此功能。"));
        anonymous().header("Accept-Language", "en").get("/api/v1/units").then().statusCode(401)
                .header("Content-Language", "en")
                .body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("Sign in to use this operation."));
    }

    @Test
    void a_refusal_of_a_service_reads_in_chinese_by_default_too() {
        String code = uniqueCode("DUP");
        Units.register(code, "重复代码单位", "DIRECT_UNIT").then().statusCode(201);
        inDefaultLanguage("ADMIN").body(Map.of("code", code, "name", "重复代码单位二", "type", "DIRECT_UNIT"))
                .post("/api/v1/units").then().statusCode(409)
                .header("Content-Language", "zh-CN")
                .body("detail", equalTo("代码为 " + code + " 的单位已存在。"));
    }

    @Test
    void a_path_the_router_does_not_know_reads_in_the_asked_language_too() {
        io.restassured.RestAssured.given().get("/nowhere-at-all").then().statusCode(404)
                .header("Content-Language", "zh-CN")
                .body("detail", equalTo("/nowhere-at-all 不存在。"));
        io.restassured.RestAssured.given().header("Accept-Language", "en").get("/nowhere-at-all").then().statusCode(404)
                .header("Content-Language", "en")
                .body("detail", equalTo("Nothing is at /nowhere-at-all."));
    }
}
