package cn.keywork.supervision.task;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAs;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R3, R5: the office lists the tasks of a category with a given light in a month, narrowed by text. */
@QuarkusTest
class TaskLightFilterTest {

    @Inject
    Pool database;

    private String task(String lead, String category, String title) {
        return as("OFFICE").body(Map.of("year", 2013, "category", category, "title", title, "target", "按期完成",
                "content", "推进" + title, "deadline", "2013-12-31", "leadUnitId", lead))
                .post("/api/v1/tasks").then().statusCode(201).extract().path("id");
    }

    private void light(String taskId, String period, String light) {
        database.preparedQuery("INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, computed_at) "
                + "VALUES ($1, $2, 50, 20, 30, $3, now())").execute(Tuple.of(UUID.fromString(taskId), period, light))
                .await().indefinitely();
    }

    @Test
    void r5_the_list_filters_by_the_light_stored_for_a_month_with_category_and_text() {
        String lead = Units.registerId(uniqueCode("LIGHTQ"), "亮灯筛选牵头单位");
        String redSewer = task(lead, "KEY_PROJECT", "污水处理厂扩建工程");
        String greenSewer = task(lead, "KEY_PROJECT", "污水管网改造工程");
        String redSchool = task(lead, "LIVELIHOOD", "污水学校配套工程");
        light(redSewer, "2013-05", "RED");
        light(greenSewer, "2013-05", "GREEN");
        light(redSchool, "2013-05", "RED");
        light(greenSewer, "2013-06", "RED");

        as("OFFICE").queryParam("unitId", lead).queryParam("category", "KEY_PROJECT").queryParam("light", "RED")
                .queryParam("period", "2013-05").queryParam("q", "污水").queryParam("size", 50).get("/api/v1/tasks")
                .then().statusCode(200).body("total", equalTo(1)).body("items.id", contains(redSewer));
        as("OFFICE").queryParam("unitId", lead).queryParam("light", "RED").queryParam("period", "2013-06")
                .get("/api/v1/tasks").then().statusCode(200).body("items.id", contains(greenSewer));
        // Without a month, the light is the current month's: these tasks have none stored for it.
        as("OFFICE").queryParam("unitId", lead).queryParam("light", "RED").get("/api/v1/tasks")
                .then().statusCode(200).body("total", equalTo(0));
        // A text search counts its matches with its page; the count stands on every page and past the end.
        for (int page = 1; page <= 3; page++) {
            as("OFFICE").queryParam("unitId", lead).queryParam("q", "污水").queryParam("size", 2).queryParam("page", page)
                    .get("/api/v1/tasks").then().statusCode(200).body("total", equalTo(3))
                    .body("items.size()", equalTo(page == 1 ? 2 : page == 2 ? 1 : 0));
        }
        deliberatelyInvalidAs("OFFICE", null).queryParam("light", "PURPLE").get("/api/v1/tasks").then().statusCode(400);
        deliberatelyInvalidAs("OFFICE", null).queryParam("light", "RED").queryParam("period", "2013-13").get("/api/v1/tasks")
                .then().statusCode(400);
    }
}
