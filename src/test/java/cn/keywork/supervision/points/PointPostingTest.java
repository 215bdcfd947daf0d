package cn.keywork.supervision.points;

import static cn.keywork.supervision.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.points.service.PointPosting;
import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.AssessmentFixtures;
import cn.keywork.supervision.support.AssessmentFixtures.Rule;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** R16: the posting consumer turns events into point entries once, in commit order, within the caps. */
@QuarkusTest
class PointPostingTest {

    @Inject
    Pool database;

    @Inject
    PointPosting posting;

    private static String unit(String name) {
        return Units.registerId("PTS-" + UUID.randomUUID().toString().substring(0, 6), name);
    }

    private void drain() {
        run(() -> posting.post("test-drain", 1000));
        run(() -> posting.post("test-drain", 1000));
    }

    private static <T> T run(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** unit → points of the entries posted from the event, one string per entry ("unit:rule:points"). */
    private List<String> entries(String eventId) {
        List<String> found = new ArrayList<>();
        for (Row row : database.preparedQuery("""
                SELECT unit_id, rule_code, points FROM point_entry WHERE source_event_id = $1 ORDER BY rule_code, unit_id""")
                .execute(Tuple.of(UUID.fromString(eventId))).await().indefinitely()) {
            found.add(row.getUUID(0) + ":" + row.getString(1) + ":" + row.getBigDecimal(2).stripTrailingZeros().toPlainString());
        }
        return found;
    }

    private static Response move(RequestSpecification who, Response slip, Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body)
                .post("/api/v1/slips/" + slip.path("id") + "/transitions").then().statusCode(200).extract().response();
    }

    @Test
    void r16_an_issued_supervision_order_posts_one_deduction_for_its_target_and_the_cooperating_share_also_with_two_consumers_at_once() {
        String lead = unit("市交通运输局");
        String cooperating = unit("市自然资源局");
        String leaderId = as("LEADER").get("/api/v1/me").then().statusCode(200).extract().path("id");
        SlipFixtures.Urged urged = new SlipFixtures(database).urgedAndStillLagging(lead, leaderId);
        database.preparedQuery("""
                INSERT INTO key_task_cooperation (task_id, unit_id, responsibility, list_order) VALUES ($1, $2, '配合', 0)""")
                .execute(Tuple.of(UUID.fromString(urged.taskId()), UUID.fromString(cooperating))).await().indefinitely();
        Response order = as("OFFICE").body(Map.of("type", "SUPERVISION", "taskId", urged.taskId(), "requirements", "限期整改",
                "responseDeadline", SlipFixtures.TODAY.plusDays(15).toString())).post("/api/v1/slips").then()
                .statusCode(201).extract().response();
        order = move(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL"));
        order = move(as("LEADER"), order, Map.of("action", "APPROVE", "comment", "同意督办"));
        order = move(as("OFFICE"), order, Map.of("action", "ISSUE"));
        Row basis = database.preparedQuery("""
                SELECT cast(id AS text), coalesce(cast(left(period, 4) AS int), cast(extract(year FROM occurred_at) AS int))
                FROM domain_event WHERE type = 'slip.deduction_basis' AND object_id = $1""")
                .execute(Tuple.of(order.<String>path("id"))).await().indefinitely().iterator().next();
        String eventId = basis.getString(0);
        int year = basis.getInteger(1);
        String target = "ORDER_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String share = "COOP_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        addRules(year, List.of(new Rule(target, "slip.deduction_basis", -2, "TARGET", 0.5, null),
                new Rule(share, "slip.deduction_basis", -2, "COOPERATING", 0.5, null)));

        CompletableFuture<?> one = CompletableFuture.runAsync(() -> run(() -> posting.post("instance-a", 1000)));
        CompletableFuture<?> two = CompletableFuture.runAsync(() -> run(() -> posting.post("instance-b", 1000)));
        CompletableFuture.allOf(one, two).join();
        drain();

        assertThat(entries(eventId)).filteredOn(e -> e.contains(target) || e.contains(share))
                .containsExactlyInAnyOrder(lead + ":" + target + ":-2", cooperating + ":" + share + ":-1");

        String entryId = database.preparedQuery("SELECT cast(id AS text) FROM point_entry WHERE source_event_id = $1 AND rule_code = $2")
                .execute(Tuple.of(UUID.fromString(eventId), target)).await().indefinitely().iterator().next().getString(0);
        as("ASSESSMENT").get("/api/v1/assessment/entries/" + entryId + "/basis").then().statusCode(200)
                .body("entry.unitId", equalTo(lead)).body("entry.points", equalTo(-2f))
                .body("rule.code", equalTo(target)).body("rule.appliesTo", equalTo("TARGET"))
                .body("ruleBook.year", equalTo(year)).body("ruleBook.status", equalTo("ACTIVE"))
                .body("event.id", equalTo(eventId)).body("event.type", equalTo("slip.deduction_basis"))
                .body("event.payload.number", equalTo(order.path("number")))
                .body("object.type", equalTo("Slip")).body("object.id", equalTo(order.path("id")))
                .body("object.slipNumber", equalTo(order.path("number"))).body("object.slipType", equalTo("SUPERVISION"))
                .body("object.taskId", equalTo(urged.taskId()));
        Api.asUnit("UNIT_LIAISON", cooperating).get("/api/v1/assessment/entries?ruleCode=" + share).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].points", equalTo(-1f));
        Api.asUnit("UNIT_LIAISON", cooperating).get("/api/v1/assessment/entries/" + entryId).then().statusCode(404);
    }

    @Test
    void r16_every_posted_entry_s_basis_resolves_to_a_real_event_and_object() {
        drain();
        for (Row row : database.query("SELECT cast(e.id AS text), cast(e.source_event_id AS text), ev.object_id "
                + "FROM point_entry e JOIN domain_event ev ON ev.id = e.source_event_id ORDER BY e.seq DESC LIMIT 20")
                .execute().await().indefinitely()) {
            as("OFFICE").get("/api/v1/assessment/entries/" + row.getString(0) + "/basis").then().statusCode(200)
                    .body("event.id", equalTo(row.getString(1))).body("object.id", equalTo(row.getString(2)));
        }
        long orphans = database.query("SELECT count(*) FROM point_entry e WHERE e.source <> 'MANUAL' AND e.reversal_of IS NULL "
                + "AND NOT EXISTS (SELECT 1 FROM domain_event ev WHERE ev.id = e.source_event_id)").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(orphans).isZero();
    }

    /** Adds the rules to the year's ACTIVE rule book, or makes one with them. */
    private void addRules(int year, List<Rule> rules) {
        var active = database.preparedQuery("SELECT id FROM assessment_rule_book WHERE year = $1 AND status = 'ACTIVE'")
                .execute(Tuple.of(year)).await().indefinitely();
        if (active.size() == 0) {
            new AssessmentFixtures(database).activeRuleBook(year, rules);
            return;
        }
        UUID book = active.iterator().next().getUUID(0);
        int order = 1000;
        for (Rule rule : rules) {
            database.preparedQuery("""
                    INSERT INTO assessment_rule (rule_book_id, code, description, event_type, points, applies_to,
                        cooperating_share, list_order) VALUES ($1, $2, '测试', $3, $4, $5, $6, $7)""")
                    .execute(Tuple.tuple().addUUID(book).addString(rule.code()).addString(rule.eventType())
                            .addValue(java.math.BigDecimal.valueOf(rule.points())).addString(rule.appliesTo())
                            .addValue(java.math.BigDecimal.valueOf(rule.cooperatingShare())).addInteger(order++))
                    .await().indefinitely();
        }
    }

    @Test
    void r16_a_consumer_restarted_mid_way_resumes_at_its_cursor_and_a_second_instance_waits_for_the_lease() {
        int year = AssessmentFixtures.freshYear();
        String unit = unit("市水务局");
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        fixtures.activeRuleBook(year, List.of(new Rule("RESTART", "test.restart", -1, "TARGET", 0.5, null)));
        drain();
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(fixtures.event("test.restart", "TEST", "r" + i, List.of(unit), Integer.toString(year), "{}"));
        }

        assertThat(run(() -> posting.batch("instance-a", 1)).entries()).isEqualTo(1);
        assertThat(entries(events.get(0))).containsExactly(unit + ":RESTART:-1");
        assertThat(run(() -> posting.batch("instance-b", 1))).as("the lease of instance-a holds").isNull();

        database.query("UPDATE point_posting_cursor SET lease_until = now() - interval '1 second'").execute()
                .await().indefinitely();
        run(() -> posting.post("instance-b", 1000));
        drain();
        for (String event : events) {
            assertThat(entries(event)).containsExactly(unit + ":RESTART:-1");
        }
    }

    @Test
    void r16_a_published_evaluation_result_and_an_overdue_inquiry_post_points_by_score_band_rank_and_unit() {
        int year = AssessmentFixtures.freshYear();
        String lead = unit("市住建局");
        String partner = unit("市城管局");
        String task = cn.keywork.supervision.support.SlipFixtures.task(lead, null);
        database.preparedQuery("INSERT INTO key_task_cooperation (task_id, unit_id, responsibility, list_order) VALUES ($1, $2, '配合', 1)")
                .execute(Tuple.of(UUID.fromString(task), UUID.fromString(partner))).await().indefinitely();
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        fixtures.activeRuleBook(year, List.of(new Rule("EXCELLENT", "evaluation.result_published", 2, "LEAD_AND_COOPERATING", 0.5, null),
                new Rule("INQUIRY_LATE", "evaluation.inquiry_overdue", -0.5, "TARGET", 1, null)));
        database.preparedQuery("UPDATE assessment_rule SET condition = '{\"scoreAtLeast\": 90}' WHERE code = 'EXCELLENT' AND rule_book_id = "
                + "(SELECT id FROM assessment_rule_book WHERE year = $1)").execute(Tuple.of(year)).await().indefinitely();
        String excellent = fixtures.event("evaluation.result_published", "EvaluationRound", UUID.randomUUID().toString(),
                List.of(lead, partner), year + "-Q2", "{\"taskId\": \"" + task + "\", \"score\": 92.5, \"rank\": 1, \"rated\": true}");
        String ordinary = fixtures.event("evaluation.result_published", "EvaluationRound", UUID.randomUUID().toString(),
                List.of(lead, partner), year + "-Q3", "{\"taskId\": \"" + task + "\", \"score\": 85, \"rank\": 2, \"rated\": true}");
        String unrated = fixtures.event("evaluation.result_published", "EvaluationRound", UUID.randomUUID().toString(),
                List.of(lead, partner), year + "-Q4", "{\"taskId\": \"" + task + "\", \"score\": null, \"rank\": null, \"rated\": false}");
        String overdue = fixtures.event("evaluation.inquiry_overdue", "EvaluationInquiry", UUID.randomUUID().toString(),
                List.of(partner), year + "-Q2", "{\"taskId\": \"" + task + "\"}");
        drain();

        assertThat(entries(excellent)).containsExactlyInAnyOrder(lead + ":EXCELLENT:2", partner + ":EXCELLENT:1");
        assertThat(entries(ordinary)).as("a score below the band").isEmpty();
        assertThat(entries(unrated)).as("a subject not rated is no score").isEmpty();
        assertThat(entries(overdue)).containsExactly(partner + ":INQUIRY_LATE:-0.5");
        Row source = database.preparedQuery("SELECT DISTINCT source FROM point_entry WHERE source_event_id = $1")
                .execute(Tuple.of(UUID.fromString(excellent))).await().indefinitely().iterator().next();
        assertThat(source.getString(0)).isEqualTo("EVALUATION");
    }

    @Test
    void r16_a_rule_s_cap_and_the_rule_book_s_deduction_cap_limit_the_points_per_unit_and_year() {
        int year = AssessmentFixtures.freshYear();
        String unit = unit("市商务局");
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        String book = fixtures.activeRuleBook(year, List.of(new Rule("URGED", "test.urged", -1, "TARGET", 0.5, 2.5),
                new Rule("ORDERED", "test.ordered", -2, "TARGET", 0.5, null)));
        database.preparedQuery("UPDATE assessment_rule_book SET deduction_cap = 4 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(book))).await().indefinitely();
        List<String> urged = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            urged.add(fixtures.event("test.urged", "TEST", "u" + i, List.of(unit), year + "-03", "{}"));
        }
        String ordered1 = fixtures.event("test.ordered", "TEST", "o1", List.of(unit), year + "-04", "{}");
        String ordered2 = fixtures.event("test.ordered", "TEST", "o2", List.of(unit), year + "-05", "{}");
        drain();

        assertThat(entries(urged.get(0))).containsExactly(unit + ":URGED:-1");
        assertThat(entries(urged.get(1))).containsExactly(unit + ":URGED:-1");
        assertThat(entries(urged.get(2))).as("the rule's cap of 2.5 leaves 0.5").containsExactly(unit + ":URGED:-0.5");
        assertThat(entries(urged.get(3))).as("nothing is left under the rule's cap").isEmpty();
        assertThat(entries(ordered1)).as("the book's deduction cap of 4 leaves 1.5").containsExactly(unit + ":ORDERED:-1.5");
        assertThat(entries(ordered2)).isEmpty();
        Row computation = database.preparedQuery("SELECT computation FROM point_entry WHERE source_event_id = $1")
                .execute(Tuple.of(UUID.fromString(urged.get(2)))).await().indefinitely().iterator().next();
        assertThat(computation.getJsonObject(0).getBoolean("capApplied")).isTrue();
        assertThat(computation.getJsonObject(0).getDouble("raw")).isEqualTo(-1.0);
    }

    @Test
    void r16_an_event_committed_after_a_later_one_is_not_skipped() {
        int year = AssessmentFixtures.freshYear();
        String unit = unit("市卫生健康委");
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        fixtures.activeRuleBook(year, List.of(new Rule("LATE", "test.late", -0.5, "TARGET", 0.5, null)));
        drain();

        SqlConnection connection = database.getConnection().await().indefinitely();
        String early;
        try {
            Transaction open = connection.begin().await().indefinitely();
            early = UUID.randomUUID().toString();
            connection.preparedQuery("""
                    INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                    VALUES ($1, 'test.late', 'TEST', 'early', $2, $3, '{}', now(), $4)""")
                    .execute(Tuple.tuple().addUUID(UUID.fromString(early)).addArrayOfUUID(new UUID[] { UUID.fromString(unit) })
                            .addString(Integer.toString(year)).addUUID(cn.keywork.supervision.support.EventPayloads.FABRICATED_BY_TEST))
                    .await().indefinitely();
            String later = fixtures.event("test.late", "TEST", "later", List.of(unit), Integer.toString(year), "{}");
            drain();
            assertThat(entries(later)).as("not read while an older transaction is open").isEmpty();

            open.commit().await().indefinitely();
            drain();
            assertThat(entries(early)).containsExactly(unit + ":LATE:-0.5");
            assertThat(entries(later)).containsExactly(unit + ":LATE:-0.5");
        } finally {
            connection.close().await().indefinitely();
        }
    }
}
