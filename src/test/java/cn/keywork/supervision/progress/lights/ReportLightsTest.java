package cn.keywork.supervision.progress.lights;

import static cn.keywork.supervision.progress.lights.ProgressFixture.plan;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** R5: accepting a report through the API moves the stored figures and light in the same transaction. */
@QuarkusTest
class ReportLightsTest {

    @Inject
    Pool database;

    private void report(UUID task, String lead, UUID item, String period, int actual) {
        String path = "/api/v1/tasks/" + task + "/reports/" + period;
        asUnit("UNIT_LIAISON", lead).body(Map.of("summary", "进展" + period, "subItems",
                List.of(Map.of("subItemId", item.toString(), "actual", actual, "note", "按计划推进"))))
                .put(path).then().statusCode(201);
        String etag = asUnit("UNIT_LIAISON", lead).get(path).then().statusCode(200).extract().header("ETag");
        etag = asUnit("UNIT_LIAISON", lead).header("If-Match", etag).body(Map.of("action", "SUBMIT")).post(path + "/transitions")
                .then().statusCode(200).extract().header("ETag");
        as("OFFICE").header("If-Match", etag).body(Map.of("action", "ACCEPT")).post(path + "/transitions").then().statusCode(200);
    }

    private List<Row> figures(UUID task) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery("SELECT period, light, actual FROM progress_figure WHERE task_id = $1 ORDER BY period")
                .execute(Tuple.of(task)).await().indefinitely().forEach(rows::add);
        return rows;
    }

    @Test
    void r5_an_accepted_report_moves_the_light_and_logs_the_change() {
        YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
        YearMonth first = now.minusMonths(2);
        YearMonth second = now.minusMonths(1);
        int year = now.getYear();
        ProgressFixture seed = new ProgressFixture(database);
        String lead = Units.registerId(uniqueCode("RL"), "报告亮灯单位");
        UUID task = seed.task(first.getYear(), "KEY_PROJECT", "报告亮灯任务", UUID.fromString(lead),
                LocalDate.of(year, 12, 31), "ACTIVE");
        UUID item = seed.subItem(task, UUID.fromString(lead), 1, LocalDate.of(year, 12, 31),
                plan(first.toString(), 50, second.toString(), 60, now.toString(), 100));

        report(task, lead, item, first.toString(), 20);
        assertThat(figures(task)).extracting(r -> r.getString("light")).first().isEqualTo("RED");

        report(task, lead, item, second.toString(), 55);
        List<Row> stored = figures(task).stream().filter(r -> r.getString("period").equals(second.toString())).toList();
        assertThat(stored).singleElement().extracting(r -> r.getString("light")).isEqualTo("GREEN");

        List<Row> events = new ArrayList<>();
        database.preparedQuery("SELECT payload FROM domain_event WHERE type = 'light.changed' AND object_id = $1 ORDER BY seq")
                .execute(Tuple.of(task.toString())).await().indefinitely().forEach(events::add);
        // the second month had no light of its own yet: it is compared with the first month's RED
        assertThat(events).extracting(r -> r.getJsonObject("payload").getString("period") + ":"
                + r.getJsonObject("payload").getString("from") + ">" + r.getJsonObject("payload").getString("to"))
                .contains(second + ":RED>GREEN");

        JsonPath history = as("OFFICE").get("/api/v1/tasks/" + task + "/progress-history").then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("months.period")).contains(first.toString(), second.toString());
        assertThat(history.getList("months.reportStatus")).contains("ACCEPTED");
    }
}
