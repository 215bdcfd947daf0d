package cn.keywork.supervision.assessment;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.cycle.domain.CycleRun;
import cn.keywork.supervision.cycle.domain.CycleRunStatus;
import cn.keywork.supervision.cycle.domain.CycleTrigger;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepStatus;
import cn.keywork.supervision.cycle.service.CycleEngine;
import cn.keywork.supervision.support.AssessmentFixtures;
import cn.keywork.supervision.support.AssessmentFixtures.Rule;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The annual assessment (R16): capped totals ranked within the unit type, frozen by the yearly cycle or by hand. */
@QuarkusTest
class SummaryTest {

    private static final String SUMMARIES = "/api/v1/assessment/summaries/";
    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool database;

    @Inject
    CycleEngine engine;

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    /** A year with an active rule book of two rules and the given caps (null: none). */
    private static final class Year {
        final AssessmentFixtures fixtures;
        final int year;
        final String book;

        Year(Pool database, Double bonusCap, Double deductionCap) {
            this(database, AssessmentFixtures.freshYear(), bonusCap, deductionCap);
        }

        Year(Pool database, int year, Double bonusCap, Double deductionCap) {
            this.year = year;
            fixtures = new AssessmentFixtures(database);
            book = fixtures.activeRuleBook(year, List.of(new Rule("COMPLETED_ON_TIME", "task.completed", 2, "LEAD", 0.5, null),
                    new Rule("SUPERVISION_ORDER", "slip.deduction_basis", -2, "TARGET", 0, null)));
            database.preparedQuery("UPDATE assessment_rule_book SET bonus_cap = $2, deduction_cap = $3 WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(book), bonusCap == null ? null : BigDecimal.valueOf(bonusCap),
                            deductionCap == null ? null : BigDecimal.valueOf(deductionCap)))
                    .await().indefinitely();
        }

        String entry(String unit, double points) {
            String rule = points > 0 ? "COMPLETED_ON_TIME" : "SUPERVISION_ORDER";
            String event = fixtures.event(points > 0 ? "task.completed" : "slip.deduction_basis", "Task",
                    UUID.randomUUID().toString(), List.of(unit), null, "{}");
            return fixtures.entry(unit, year, points, rule, book, event);
        }
    }

    private static String unit(String prefix, String type) {
        return Units.register(uniqueCode(prefix), "统计单位" + uniqueCode("N"), type).path("id");
    }

    private static Map<String, Object> item(JsonPath summary, String unit) {
        return summary.getMap("items.find { it.unitId == '" + unit + "' }");
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(value.toString());
    }

    @Test
    void r16_caps_apply_to_the_bonus_and_deduction_totals_and_ties_share_a_rank_within_the_unit_type() {
        Year y = new Year(database, 5.0, 3.0);
        String a = unit("SA", "MUNICIPAL_DEPARTMENT");
        String b = unit("SB", "MUNICIPAL_DEPARTMENT");
        String c = unit("SC", "MUNICIPAL_DEPARTMENT");
        String d = unit("SD", "MUNICIPAL_DEPARTMENT");
        String county = unit("SE", "COUNTY_GOVERNMENT");
        y.entry(a, 4);
        y.entry(a, 4); // 8, capped at 5
        y.entry(b, 5);
        y.entry(c, -2);
        y.entry(c, -2);
        y.entry(c, -2); // −6, capped at −3
        y.entry(d, 2);
        y.entry(d, -1);
        y.entry(county, -1);
        String tasked = unit("SF", "MUNICIPAL_DEPARTMENT"); // a registered task of the year, no entry: listed at base
        task(y.year, tasked, "ACTIVE");
        task(y.year, unit("SG", "MUNICIPAL_DEPARTMENT"), "DRAFT"); // a declaration not registered: not listed

        JsonPath summary = as("LEADER").get(SUMMARIES + y.year).then().statusCode(200).body("status", equalTo("PROVISIONAL"))
                .body("items.size()", equalTo(6)).extract().jsonPath();
        Map<String, Object> first = item(summary, a);
        assertThat(number(first.get("base"))).isEqualByComparingTo("100");
        assertThat(number(first.get("bonus"))).isEqualByComparingTo("5");
        assertThat(number(first.get("total"))).isEqualByComparingTo("105");
        assertThat(number(item(summary, c).get("deduction"))).isEqualByComparingTo("-3");
        assertThat(number(item(summary, c).get("total"))).isEqualByComparingTo("97");
        assertThat(number(item(summary, d).get("total"))).isEqualByComparingTo("101");
        assertThat(number(item(summary, d).get("bonus"))).isEqualByComparingTo("2");
        assertThat(number(item(summary, d).get("deduction"))).isEqualByComparingTo("-1");
        assertThat(number(item(summary, tasked).get("total"))).isEqualByComparingTo("100");
        // 105, 105, 101, 100, 97: 1, 1, 3, 4, 5; the county government is ranked among its own type
        assertThat(List.of(item(summary, a).get("rank"), item(summary, b).get("rank"), item(summary, d).get("rank"),
                item(summary, tasked).get("rank"), item(summary, c).get("rank"))).containsExactly(1, 1, 3, 4, 5);
        assertThat(item(summary, county).get("rank")).isEqualTo(1);
        assertThat(summary.getList("items.find { it.unitId == '" + d + "' }.byRule.ruleCode"))
                .containsExactly("COMPLETED_ON_TIME", "SUPERVISION_ORDER");
        assertThat(number(summary.get("items.find { it.unitId == '" + d + "' }.bySource.SUPERVISION"))).isEqualByComparingTo("1");

        // a unit sees its own row only, ranked among all
        asUnit("UNIT_LIAISON", c).get(SUMMARIES + y.year).then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].unitId", equalTo(c)).body("items[0].rank", equalTo(5));
        as("OFFICE").get(SUMMARIES + 2999).then().statusCode(404);
    }

    @Test
    void r16_a_frozen_summary_refuses_changes_except_by_an_upheld_objection_which_is_recorded() {
        Year y = new Year(database, null, null);
        String a = unit("FA", "MUNICIPAL_DEPARTMENT");
        String b = unit("FB", "MUNICIPAL_DEPARTMENT");
        String deduction = y.entry(a, -2);
        y.entry(b, -1);
        as("OFFICE").post(SUMMARIES + y.year + "/freeze").then().statusCode(403);
        JsonPath frozen = as("ASSESSMENT").post(SUMMARIES + y.year + "/freeze").then().statusCode(200)
                .body("status", equalTo("FROZEN")).body("frozenAt", notNullValue()).extract().jsonPath();
        assertThat(number(item(frozen, a).get("total"))).isEqualByComparingTo("98");
        assertThat(item(frozen, a).get("rank")).isEqualTo(2);
        as("ASSESSMENT").post(SUMMARIES + y.year + "/freeze").then().statusCode(409);

        // an entry posted after the freeze does not change it; it is counted as pending
        y.entry(a, -2);
        JsonPath after = as("ASSESSMENT").get(SUMMARIES + y.year).then().statusCode(200).body("status", equalTo("FROZEN"))
                .body("pendingAfterFreeze", equalTo(1)).extract().jsonPath();
        assertThat(number(item(after, a).get("total"))).isEqualByComparingTo("98");
        assertThat(item(after, a).get("pendingAfterFreeze")).isEqualTo(1);
        as("ASSESSMENT").get(SUMMARIES + y.year + "/changes").then().statusCode(200).body("items.size()", equalTo(0));

        // an upheld objection does, and the change is recorded
        String objection = asUnit("UNIT_LIAISON", a).body(Map.of("entryId", deduction, "reason", "已按期整改"))
                .post("/api/v1/assessment/objections").then().statusCode(201).extract().path("id");
        as("ASSESSMENT").body(Map.of("uphold", true)).post("/api/v1/assessment/objections/" + objection + "/decision").then()
                .statusCode(200);
        JsonPath changed = as("ASSESSMENT").get(SUMMARIES + y.year).then().statusCode(200).body("status", equalTo("FROZEN"))
                .extract().jsonPath();
        assertThat(number(item(changed, a).get("total"))).isEqualByComparingTo("100");
        assertThat(item(changed, a).get("rank")).isEqualTo(1);
        assertThat(item(changed, b).get("rank")).isEqualTo(2);
        assertThat(item(changed, a).get("pendingAfterFreeze")).isEqualTo(1);
        JsonPath changes = as("LEADER").get(SUMMARIES + y.year + "/changes").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].objectionId", equalTo(objection))
                .body("items[0].unitId", equalTo(a)).extract().jsonPath();
        assertThat(number(changes.get("items[0].before.total"))).isEqualByComparingTo("98");
        assertThat(number(changes.get("items[0].after.total"))).isEqualByComparingTo("100");
        asUnit("UNIT_LIAISON", b).get(SUMMARIES + y.year + "/changes").then().statusCode(200).body("items.size()", equalTo(0));
        asUnit("UNIT_LIAISON", a).get(SUMMARIES + y.year + "/changes").then().statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void r16_the_yearly_cycle_freezes_the_annual_assessment_once_and_its_dry_run_only_counts() {
        // the audit chain counts time in microseconds: a year the clock can stand at, none other test's rule book has
        Year y = new Year(database, unusedYear(), null, null);
        String a = unit("CA", "MUNICIPAL_DEPARTMENT");
        y.entry(a, 2);
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(y.year + "-12-19T18:00:00Z"), CITY), Clock.class);
        CycleRun dry = await(() -> engine.dryRun(CycleType.YEARLY, Integer.toString(y.year)));
        assertThat(dry.steps().get(3).counts()).containsEntry("frozenUnits", 1L);
        assertThat(count("SELECT count(*) FROM assessment_year WHERE year = $1", y.year)).isZero();

        CycleRun run = await(() -> engine.start(CycleType.YEARLY, Integer.toString(y.year), CycleTrigger.SCHEDULE, "instance-e"));
        assertThat(run.status()).isEqualTo(CycleRunStatus.SUCCEEDED);
        assertThat(run.steps().get(3).status()).isEqualTo(StepStatus.DONE);
        assertThat(run.steps().get(3).counts()).containsEntry("frozenUnits", 1L);
        assertThat(count("SELECT count(*) FROM assessment_snapshot WHERE year = $1", y.year)).isEqualTo(1);
        as("ASSESSMENT").get(SUMMARIES + y.year).then().statusCode(200).body("status", equalTo("FROZEN"));
        as("ASSESSMENT").post(SUMMARIES + y.year + "/freeze").then().statusCode(409);

        // a year without a rule book is skipped
        int bare = unusedYear();
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(bare + "-12-19T18:00:00Z"), CITY), Clock.class);
        CycleRun skipped = await(() -> engine.start(CycleType.YEARLY, Integer.toString(bare), CycleTrigger.SCHEDULE, "instance-e"));
        assertThat(skipped.steps().get(3).status()).isEqualTo(StepStatus.SKIPPED);
    }

    private void task(int year, String lead, String status) {
        database.preparedQuery("""
                INSERT INTO key_task (id, year, code, category, title, target, content, deadline, lead_unit_id, status,
                version, created_at, updated_at)
                VALUES ($1, $2, $3, 'KEY_PROJECT', '考核测试任务', '目标', '内容', $4, $5, $6, 1, now(), now())""")
                .execute(Tuple.from(List.of(UUID.randomUUID(), year, uniqueCode("AT"), java.time.LocalDate.of(year, 12, 31),
                        UUID.fromString(lead), status)))
                .await().indefinitely();
    }

    /** A year between 2200 and 2260 without a rule book. */
    private int unusedYear() {
        while (true) {
            int year = 2200 + java.util.concurrent.ThreadLocalRandom.current().nextInt(60);
            if (count("SELECT count(*) FROM assessment_rule_book WHERE year = $1", year) == 0
                    && count("SELECT count(*) FROM cycle_run WHERE period = $1", Integer.toString(year)) == 0) {
                return year;
            }
        }
    }

    private long count(String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().iterator().next().getLong(0);
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
