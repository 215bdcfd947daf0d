package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;

/** The register's search box finds a task by its code as well as by its text. */
@QuarkusTest
class TaskCodeSearchTest {

    @Test
    void search_matches_the_task_code_whole_in_part_and_in_any_case() {
        String lead = Units.registerId(uniqueCode("CODEQ"), "编号检索牵头单位");
        String code = as("OFFICE").body(Map.of("year", 2011, "category", "MEETING_DECISION", "title", "市政府常务会议议定事项",
                "target", "按期办结", "content", "落实会议议定", "deadline", "2011-12-31", "leadUnitId", lead))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("code");
        String number = code.substring(code.lastIndexOf('-') + 1);

        for (String query : new String[] { code, code.toLowerCase(), "hy-" + number, "2011-HY" }) {
            as("OFFICE").queryParam("unitId", lead).queryParam("q", query).get("/api/v1/tasks")
                    .then().statusCode(200).body("total", equalTo(1)).body("items.code", contains(code));
        }
        as("OFFICE").queryParam("unitId", lead).queryParam("q", "2011-GC").get("/api/v1/tasks")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void a_draft_without_a_code_is_still_found_by_its_text() {
        String lead = Units.registerId(uniqueCode("DRAFTQ"), "草稿检索牵头单位");
        asUnit("UNIT_LIAISON", lead).body(Map.of("year", 2011, "category", "OTHER", "title", "尚未编号的草稿任务",
                "target", "按期办结", "content", "等待受理", "deadline", "2011-12-31", "leadUnitId", lead))
                .post("/api/v1/tasks").then().statusCode(201).body("code", nullValue());
        as("OFFICE").queryParam("unitId", lead).queryParam("q", "尚未编号").get("/api/v1/tasks")
                .then().statusCode(200).body("items.title", contains("尚未编号的草稿任务"));
    }
}
