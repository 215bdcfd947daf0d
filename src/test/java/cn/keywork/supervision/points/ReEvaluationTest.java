package cn.keywork.supervision.points;

import static cn.keywork.supervision.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.points.service.PointPosting;
import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.AssessmentFixtures;
import cn.keywork.supervision.support.AssessmentFixtures.Rule;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** R16: a re-evaluation under a newly activated rule-book version posts exactly what its dry run answered. */
@QuarkusTest
class ReEvaluationTest {

    @Inject
    Pool database;

    @Inject
    PointPosting posting;

    private void drain() throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> posting.post("test-re-evaluation", 1000));
    }

    @Test
    void r16_a_re_evaluation_s_dry_run_equals_what_its_apply_posts_and_old_rows_stay() throws Throwable {
        int year = AssessmentFixtures.freshYear();
        String unit = Units.registerId(Api.uniqueCode("REV"), "市发展和改革委员会");
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        fixtures.activeRuleBook(year, List.of(new Rule("UNFINISHED", "task.unfinished", -1, "TARGET", 0.5, null)));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            events.add(fixtures.event("task.unfinished", "TEST", "rev" + i, List.of(unit), Integer.toString(year), "{}"));
        }
        drain();

        String path = "/api/v1/assessment/rule-books/" + year;
        String etag = as("ASSESSMENT").body(Map.of("title", "修订", "baseScore", 100, "objectionDays", 15, "rules",
                List.of(Map.of("code", "UNFINISHED", "description", "年底未完成的扣2分，最多扣3分", "eventType", "task.unfinished",
                        "points", -2, "appliesTo", "TARGET", "capPerUnit", 3)))).put(path + "/draft").then().statusCode(200)
                .body("version", equalTo(2)).extract().header("ETag");
        as("ASSESSMENT").header("If-Match", etag).post(path + "/activation").then().statusCode(200);

        Response dry = as("ASSESSMENT").body(Map.of("year", year, "dryRun", true)).post("/api/v1/assessment/re-evaluations")
                .then().statusCode(200).body("totals.reversals", equalTo(2)).body("totals.entries", equalTo(2))
                .body("totals.points", equalTo(-1.0f)).body("units[0].unitId", equalTo(unit)).extract().response();
        as("OFFICE").body(Map.of("year", year, "dryRun", true)).post("/api/v1/assessment/re-evaluations").then()
                .statusCode(403);

        Response applied = as("ASSESSMENT").body(Map.of("year", year, "dryRun", false))
                .post("/api/v1/assessment/re-evaluations").then().statusCode(200).extract().response();
        assertThat(applied.<Object>path("units")).isEqualTo(dry.path("units"));
        assertThat(applied.<Object>path("totals")).isEqualTo(dry.path("totals"));
        String id = applied.path("id");

        List<String> posted = new ArrayList<>();
        for (Row row : database.preparedQuery("""
                SELECT cast(source_event_id AS text), points, reversal_of IS NOT NULL, rule_book_version FROM point_entry
                WHERE re_evaluation_id = $1 ORDER BY seq""").execute(Tuple.of(UUID.fromString(id))).await().indefinitely()) {
            posted.add(row.getString(0) + ":" + row.getBigDecimal(1).stripTrailingZeros().toPlainString() + ":"
                    + (row.getBoolean(2) ? "reversal" : "v" + row.getInteger(3)));
        }
        assertThat(posted).containsExactlyInAnyOrder(events.get(0) + ":1:reversal", events.get(1) + ":1:reversal",
                events.get(0) + ":-2:v2", events.get(1) + ":-1:v2");
        long old = database.preparedQuery("SELECT count(*) FROM point_entry WHERE year = $1 AND rule_book_version = 1 "
                + "AND reversal_of IS NULL AND status = 'EFFECTIVE'").execute(Tuple.of(year)).await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(old).as("the old entries stay as they were").isEqualTo(2);
        as("ASSESSMENT").body(Map.of("year", year, "dryRun", true)).post("/api/v1/assessment/re-evaluations").then()
                .statusCode(200).body("totals.reversals", equalTo(0)).body("totals.entries", equalTo(0));
        as("ASSESSMENT").body(Map.of("year", AssessmentFixtures.freshYear(), "dryRun", true))
                .post("/api/v1/assessment/re-evaluations").then().statusCode(404);
    }
}
