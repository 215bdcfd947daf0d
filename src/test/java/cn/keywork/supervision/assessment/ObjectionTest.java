package cn.keywork.supervision.assessment;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.AssessmentFixtures;
import cn.keywork.supervision.support.AssessmentFixtures.Rule;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Objections 申诉 to point entries (R16): filed by the unit in time, upheld with a reversal or rejected with a reason. */
@QuarkusTest
class ObjectionTest {

    private static final String OBJECTIONS = "/api/v1/assessment/objections";

    @Inject
    Pool database;

    private record Fixture(int year, String book, String unit, String entry) {
    }

    /** A fresh year with a rule book and one −2 entry against a new unit. */
    private Fixture fixture(String prefix) {
        AssessmentFixtures fixtures = new AssessmentFixtures(database);
        int year = AssessmentFixtures.freshYear();
        String book = fixtures.activeRuleBook(year, List.of(new Rule("SUPERVISION_ORDER", "slip.deduction_basis", -2, "TARGET", 0, null)));
        String unit = Units.registerId(uniqueCode(prefix), "申诉测试单位");
        String event = fixtures.event("slip.deduction_basis", "Slip", UUID.randomUUID().toString(), List.of(unit), null, "{}");
        String entry = fixtures.entry(unit, year, -2, "SUPERVISION_ORDER", book, event);
        return new Fixture(year, book, unit, entry);
    }

    private Row one(String sql, Object... values) {
        return database.preparedQuery(sql).execute(Tuple.from(values)).await().indefinitely().iterator().next();
    }

    private static BigDecimal total(int year, String unit) {
        Object total = as("ASSESSMENT").get("/api/v1/assessment/summaries/" + year).then().statusCode(200).extract()
                .path("items.find { it.unitId == '" + unit + "' }.total");
        return new BigDecimal(total.toString());
    }

    @Test
    void r16_an_upheld_objection_posts_a_reversal_and_changes_the_summary() {
        Fixture f = fixture("OBJU");
        assertThat(total(f.year(), f.unit())).isEqualByComparingTo("98");

        String id = asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", f.entry(), "reason", "整改已按期完成，附验收材料"))
                .post(OBJECTIONS).then().statusCode(201).body("status", equalTo("OPEN")).body("unitId", equalTo(f.unit()))
                .body("points", equalTo(-2.0f)).header("Location", containsString(OBJECTIONS)).extract().path("id");
        // one open objection per entry
        asUnit("UNIT_HEAD", f.unit()).body(Map.of("entryId", f.entry(), "reason", "再次申诉")).post(OBJECTIONS).then()
                .statusCode(409);
        asUnit("UNIT_LIAISON", f.unit()).get(OBJECTIONS + "/" + id).then().statusCode(200).body("status", equalTo("OPEN"));

        String reversal = as("ASSESSMENT").body(Map.of("uphold", true, "reason", "经核实整改按期完成"))
                .post(OBJECTIONS + "/" + id + "/decision").then().statusCode(200).body("status", equalTo("UPHELD"))
                .body("reversalEntryId", notNullValue()).extract().path("reversalEntryId");
        Row posted = one("SELECT reversal_of::text, points, unit_id::text FROM point_entry WHERE id = $1", UUID.fromString(reversal));
        assertThat(posted.getString(0)).isEqualTo(f.entry());
        assertThat(posted.getBigDecimal(1)).isEqualByComparingTo("2");
        assertThat(posted.getString(2)).isEqualTo(f.unit());
        assertThat(total(f.year(), f.unit())).isEqualByComparingTo("100");

        // decided once; a reversal is not objected to
        as("ASSESSMENT").body(Map.of("uphold", false, "reason", "再议")).post(OBJECTIONS + "/" + id + "/decision").then()
                .statusCode(409);
        asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", reversal, "reason", "冲正也申诉")).post(OBJECTIONS).then()
                .statusCode(409);
        // the entry reversed: no second objection to it
        asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", f.entry(), "reason", "再次申诉")).post(OBJECTIONS).then()
                .statusCode(409);

        // every step audited and logged for the unit
        Row events = one("SELECT count(*) FILTER (WHERE type = 'assessment.objection_filed'),"
                + " count(*) FILTER (WHERE type = 'assessment.objection_decided' AND payload->>'status' = 'UPHELD')"
                + " FROM domain_event WHERE object_id = $1 AND $2 = ANY (unit_ids)", id, UUID.fromString(f.unit()));
        assertThat(events.getLong(0)).isEqualTo(1);
        assertThat(events.getLong(1)).isEqualTo(1);
        Row audits = one("SELECT count(*) FROM audit_event WHERE object_id = $1 AND action IN ('OBJECTION_FILED', 'OBJECTION_UPHELD')",
                id);
        assertThat(audits.getLong(0)).isEqualTo(2);
    }

    @Test
    void r16_a_rejection_needs_a_reason_and_leaves_the_points() {
        Fixture f = fixture("OBJR");
        String id = asUnit("UNIT_HEAD", f.unit()).body(Map.of("entryId", f.entry(), "reason", "扣分依据有误"))
                .post(OBJECTIONS).then().statusCode(201).extract().path("id");
        as("ASSESSMENT").body(Map.of("uphold", false)).post(OBJECTIONS + "/" + id + "/decision").then().statusCode(400);
        as("ASSESSMENT").body(Map.of("uphold", false, "reason", "督办时限内未完成整改")).post(OBJECTIONS + "/" + id + "/decision")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("decisionReason", equalTo("督办时限内未完成整改"));
        assertThat(total(f.year(), f.unit())).isEqualByComparingTo("98");
        // rejected, the entry may be objected to again while the period runs
        asUnit("UNIT_HEAD", f.unit()).body(Map.of("entryId", f.entry(), "reason", "补充新证据")).post(OBJECTIONS).then()
                .statusCode(201);
    }

    @Test
    void r16_an_objection_after_the_period_is_refused_naming_the_last_day() {
        Fixture f = fixture("OBJL");
        String old = UUID.randomUUID().toString();
        String event = new AssessmentFixtures(database).event("slip.deduction_basis", "Slip", UUID.randomUUID().toString(),
                List.of(f.unit()), null, "{}");
        database.preparedQuery("""
                INSERT INTO point_entry (id, unit_id, year, points, source, rule_code, rule_book_id, rule_book_version,
                    source_event_id, computation, status, created_at)
                SELECT $1, unit_id, year, -2, 'SUPERVISION', rule_code, rule_book_id, rule_book_version,
                    $3, '{}', 'EFFECTIVE', now() - interval '20 days'
                FROM point_entry WHERE id = $2""").execute(Tuple.of(UUID.fromString(old), UUID.fromString(f.entry()),
                        UUID.fromString(event)))
                .await().indefinitely();
        Row created = one("SELECT created_at FROM point_entry WHERE id = $1", UUID.fromString(old));
        LocalDate lastDay = created.getOffsetDateTime(0).atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDate().plusDays(15);
        asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", old, "reason", "逾期申诉")).post(OBJECTIONS).then()
                .statusCode(409).body("detail", containsString(lastDay.toString()));
    }

    @Test
    void r16_only_the_unit_the_entry_is_against_objects_and_units_see_only_their_own() {
        Fixture f = fixture("OBJS");
        String other = Units.registerId(uniqueCode("OBJO"), "其他单位");
        // another unit's entry is as unknown as a missing one
        asUnit("UNIT_LIAISON", other).body(Map.of("entryId", f.entry(), "reason", "代为申诉")).post(OBJECTIONS).then()
                .statusCode(404);
        asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", UUID.randomUUID().toString(), "reason", "无此记录"))
                .post(OBJECTIONS).then().statusCode(404);
        // evidence must be stored attachments
        asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", f.entry(), "reason", "附件不存在", "attachmentIds",
                List.of(UUID.randomUUID().toString()))).post(OBJECTIONS).then().statusCode(400);
        // only the unit's own accounts file
        as("OFFICE").body(Map.of("entryId", f.entry(), "reason", "代为申诉")).post(OBJECTIONS).then().statusCode(403);
        as("ASSESSMENT").body(Map.of("entryId", f.entry(), "reason", "代为申诉")).post(OBJECTIONS).then().statusCode(403);
        String id = asUnit("UNIT_LIAISON", f.unit()).body(Map.of("entryId", f.entry(), "reason", "申诉")).post(OBJECTIONS).then()
                .statusCode(201).extract().path("id");
        // only the assessment office decides
        asUnit("UNIT_HEAD", f.unit()).body(Map.of("uphold", true)).post(OBJECTIONS + "/" + id + "/decision").then()
                .statusCode(403);
        as("OFFICE").body(Map.of("uphold", true)).post(OBJECTIONS + "/" + id + "/decision").then().statusCode(403);

        asUnit("UNIT_LIAISON", other).get(OBJECTIONS + "/" + id).then().statusCode(404);
        asUnit("UNIT_LIAISON", other).queryParam("year", f.year()).get(OBJECTIONS).then().statusCode(200)
                .body("total", equalTo(0));
        asUnit("UNIT_LIAISON", f.unit()).queryParam("year", f.year()).get(OBJECTIONS).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(id));
        for (String role : List.of("ASSESSMENT", "OFFICE", "LEADER", "AUDITOR")) {
            as(role).queryParam("year", f.year()).queryParam("unitId", f.unit()).queryParam("status", "OPEN").get(OBJECTIONS)
                    .then().statusCode(200).body("total", equalTo(1));
            as(role).get(OBJECTIONS + "/" + id).then().statusCode(200);
        }
        as("ASSESSMENT").queryParam("year", f.year()).queryParam("status", "UPHELD").get(OBJECTIONS).then().statusCode(200)
                .body("total", equalTo(0));
    }
}
