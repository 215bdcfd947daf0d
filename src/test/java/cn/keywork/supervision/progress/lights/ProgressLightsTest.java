package cn.keywork.supervision.progress.lights;

import static cn.keywork.supervision.progress.lights.ProgressFixture.plan;
import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

/** R5: lag and lights at their exact thresholds and at the deadline, the history month by month, the dashboard's scope. */
@QuarkusTest
class ProgressLightsTest {

    @Inject
    Pool database;

    private ProgressFixture seed;

    @BeforeEach
    void fixture() {
        seed = new ProgressFixture(database);
    }

    private static UUID unit(String name) {
        return UUID.fromString(Units.registerId(uniqueCode("PL"), name));
    }

    /** The live ledger row of a task, as the office reads it. */
    private static Map<String, Object> row(String period, UUID task) {
        JsonPath ledger = as("OFFICE").queryParam("size", 200).get("/api/v1/ledgers/" + period).then().statusCode(200)
                .body("status", equalTo("OPEN")).extract().jsonPath();
        List<Map<String, Object>> items = ledger.getList("items");
        return items.stream().filter(item -> task.toString().equals(item.get("taskId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger row for " + task));
    }

    /** A task planned at 50 % in June 2019 whose June report was accepted at {@code actual}. */
    private UUID juneTask(UUID lead, String actual) {
        UUID task = seed.task(2019, "KEY_PROJECT", "阈值任务" + actual, lead, LocalDate.of(2019, 12, 31), "ACTIVE");
        UUID item = seed.subItem(task, lead, 1, LocalDate.of(2019, 12, 31), plan("2019-05", 20, "2019-06", 50, "2019-12", 100));
        seed.report(task, "2019-06", "ACCEPTED", Map.of(item, new java.math.BigDecimal(actual)));
        return task;
    }

    @Test
    void r5_lights_turn_at_exactly_10_and_20_points_of_lag() {
        UUID lead = unit("阈值牵头单位");
        Map<String, String> expected = Map.of("40.01", "GREEN", "40", "YELLOW", "30.01", "YELLOW", "30", "RED");
        Map<String, String> lags = Map.of("40.01", "9.99", "40", "10.0", "30.01", "19.99", "30", "20.0");
        for (var entry : expected.entrySet()) {
            UUID task = juneTask(lead, entry.getKey());
            Map<String, Object> row = row("2019-06", task);
            assertThat(row.get("light")).as("actual %s", entry.getKey()).isEqualTo(entry.getValue());
            assertThat(new java.math.BigDecimal(row.get("lag").toString())).isEqualByComparingTo(lags.get(entry.getKey()));
            assertThat(new java.math.BigDecimal(row.get("planned").toString())).isEqualByComparingTo("50");
            assertThat(row.get("summary")).isEqualTo("本月进展：2019-06");
        }
    }

    @Test
    void r5_a_task_below_100_turns_red_the_day_after_its_deadline_and_not_on_it() {
        UUID lead = unit("时限牵头单位");
        UUID dueOnTheLastDay = seed.task(2017, "LIVELIHOOD", "月末到期", lead, LocalDate.of(2017, 5, 31), "ACTIVE");
        UUID duePreviousDay = seed.task(2017, "LIVELIHOOD", "月末前一天到期", lead, LocalDate.of(2017, 5, 30), "ACTIVE");
        for (UUID task : List.of(dueOnTheLastDay, duePreviousDay)) {
            UUID item = seed.subItem(task, lead, 1, LocalDate.of(2017, 5, 30), plan("2017-04", 50, "2017-05", 100));
            seed.report(task, "2017-05", "ACCEPTED", Map.of(item, 95));
        }
        // May is judged as of its last day, the 31st: one deadline is that day, the other passed the day before.
        assertThat(row("2017-05", dueOnTheLastDay).get("light")).isEqualTo("GREEN");
        assertThat(row("2017-05", duePreviousDay).get("light")).isEqualTo("RED");
    }

    @Test
    void r5_completed_tasks_and_tasks_at_100_percent_are_completed_whatever_the_plan() {
        UUID lead = unit("完成牵头单位");
        UUID confirmed = seed.task(2018, "OTHER", "已确认完成", lead, LocalDate.of(2018, 3, 31), "COMPLETED");
        seed.subItem(confirmed, lead, 1, LocalDate.of(2018, 3, 31), plan("2018-03", 100));
        UUID atHundred = seed.task(2018, "OTHER", "实际已达百分百", lead, LocalDate.of(2018, 3, 20), "ACTIVE");
        UUID item = seed.subItem(atHundred, lead, 1, LocalDate.of(2018, 3, 20), plan("2018-03", 100));
        seed.report(atHundred, "2018-02", "ACCEPTED", Map.of(item, 100));
        UUID behind = seed.task(2018, "OTHER", "未完成", lead, LocalDate.of(2018, 12, 31), "ACTIVE");
        seed.subItem(behind, lead, 1, LocalDate.of(2018, 12, 31), plan("2018-03", 30, "2018-12", 100));

        assertThat(row("2018-03", confirmed).get("light")).isEqualTo("COMPLETED");
        assertThat(row("2018-03", atHundred).get("light")).isEqualTo("COMPLETED");
        // lag 30 with no report at all; the month is open, so it is RED, not NOT_REPORTED
        assertThat(row("2018-03", behind).get("light")).isEqualTo("RED");
    }

    @Test
    void r5_the_history_gives_planned_actual_lag_light_and_report_month_by_month() {
        UUID lead = unit("历史牵头单位");
        UUID partner = unit("历史配合单位");
        UUID stranger = unit("历史无关单位");
        UUID task = seed.task(2014, "KEY_PROJECT", "历史任务", lead, LocalDate.of(2014, 4, 30), "ACTIVE", partner);
        UUID a = seed.subItem(task, lead, 1, LocalDate.of(2014, 3, 31), plan("2014-01", 20, "2014-02", 60, "2014-03", 100));
        UUID b = seed.subItem(task, partner, 3, LocalDate.of(2014, 4, 30), plan("2014-03", 40, "2014-04", 100));
        UUID january = seed.report(task, "2014-01", "ACCEPTED", Map.of(a, 20));
        seed.report(task, "2014-02", "SUBMITTED", Map.of(a, 90));
        seed.report(task, "2014-03", "ACCEPTED", Map.of(a, 100, b, 10));

        JsonPath history = asUnit("UNIT_LIAISON", partner.toString()).get("/api/v1/tasks/" + task + "/progress-history")
                .then().statusCode(200).extract().jsonPath();
        assertThat(history.getList("months.period")).containsExactly("2014-01", "2014-02", "2014-03", "2014-04");
        // planned: (1×20 + 3×0)/4 = 5; 60/4 = 15; (100 + 120)/4 = 55; 100. Actual: 5; still 5 (February not accepted);
        // (100 + 30)/4 = 32.5; 32.5.
        assertThat(numbers(history, "months.planned")).containsExactly(5.0, 15.0, 55.0, 100.0);
        assertThat(numbers(history, "months.actual")).containsExactly(5.0, 5.0, 32.5, 32.5);
        assertThat(numbers(history, "months.lag")).containsExactly(0.0, 10.0, 22.5, 67.5);
        assertThat(history.getList("months.light")).containsExactly("GREEN", "YELLOW", "RED", "RED");
        assertThat(history.getString("months[0].reportId")).isEqualTo(january.toString());
        assertThat(history.getString("months[1].reportStatus")).isEqualTo("SUBMITTED");
        assertThat(history.getList("months[3].subItems.subItemId")).containsExactly(a.toString(), b.toString());
        assertThat(numbers(history, "months[2].subItems.actual")).containsExactly(100.0, 10.0);

        asUnit("UNIT_LIAISON", stranger.toString()).get("/api/v1/tasks/" + task + "/progress-history").then().statusCode(404);
    }

    private static List<Double> numbers(JsonPath json, String path) {
        return json.getList(path).stream().map(value -> ((Number) value).doubleValue()).toList();
    }

    @Test
    void r5_a_unit_sees_only_its_own_tasks_on_the_dashboard() {
        UUID mine = unit("看板本单位");
        UUID other = unit("看板他单位");
        UUID lagging = seed.task(2013, "KEY_PROJECT", "本单位滞后任务", mine, LocalDate.of(2013, 12, 31), "ACTIVE");
        seed.subItem(lagging, mine, 1, LocalDate.of(2013, 12, 31), plan("2013-06", 50, "2013-12", 100));
        UUID theirs = seed.task(2013, "LIVELIHOOD", "他单位滞后任务", other, LocalDate.of(2013, 12, 31), "ACTIVE");
        seed.subItem(theirs, other, 1, LocalDate.of(2013, 12, 31), plan("2013-06", 60, "2013-12", 100));

        asUnit("UNIT_HEAD", mine.toString()).queryParam("period", "2013-06").get("/api/v1/dashboard").then().statusCode(200)
                .body("total", equalTo(1))
                .body("byUnit.unitId", equalTo(List.of(mine.toString())))
                .body("byLightAndCategory", equalTo(List.of(Map.of("light", "RED", "category", "KEY_PROJECT", "count", 1))))
                .body("mostLagging.taskId", equalTo(List.of(lagging.toString())))
                .body("missingReports.taskId", equalTo(List.of(lagging.toString())));
        as("LEADER").queryParam("period", "2013-06").queryParam("limit", 100).get("/api/v1/dashboard").then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("byUnit.unitId", hasItem(other.toString()))
                .body("mostLagging.taskId", hasItem(theirs.toString()))
                .body("byUnit.find { it.unitId == '" + other + "' }.red", equalTo(1));
        asUnit("UNIT_HEAD", other.toString()).queryParam("period", "2013-06").get("/api/v1/dashboard").then().statusCode(200)
                .body("mostLagging.taskId", not(hasItem(lagging.toString())));
    }
}
