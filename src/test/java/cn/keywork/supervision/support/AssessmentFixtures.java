package cn.keywork.supervision.support;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rule books, domain events and point entries (R16) written the way their tables keep them, so a
 * test of objections or summaries can start from entries without the posting consumer.
 */
public final class AssessmentFixtures {

    /** Years no other test uses: a year has one active rule book. */
    private static final AtomicInteger NEXT_YEAR = new AtomicInteger(2100 + ThreadLocalRandom.current().nextInt(400) * 2);

    private final Pool database;

    public AssessmentFixtures(Pool database) {
        this.database = database;
    }

    /** A rule of a rule book: code, the event it applies to, points, whom, the cooperating share, the cap (or null). */
    public record Rule(String code, String eventType, double points, String appliesTo, double cooperatingShare, Double cap) {
    }

    /** A fresh year no other test's rule book or entries use. */
    public static int freshYear() {
        return NEXT_YEAR.getAndIncrement();
    }

    /** An ACTIVE rule book (version 1, base 100, objections within 15 days) for {@code year}; answers its id. */
    public String activeRuleBook(int year, List<Rule> rules) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO assessment_rule_book (id, year, version, status, title, base_score, objection_days,
                    activated_at, row_version, created_at, updated_at)
                VALUES ($1, $2, 1, 'ACTIVE', $3, 100, 15, now(), 1, now(), now())""")
                .execute(Tuple.of(id, year, year + "年度重点工作考核细则")).await().indefinitely();
        int order = 0;
        for (Rule rule : rules) {
            database.preparedQuery("""
                    INSERT INTO assessment_rule (rule_book_id, code, description, event_type, points, applies_to,
                        cooperating_share, cap_per_unit, list_order)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                    .execute(Tuple.tuple().addUUID(id).addString(rule.code()).addString("测试规则 " + rule.code())
                            .addString(rule.eventType()).addValue(BigDecimal.valueOf(rule.points()))
                            .addString(rule.appliesTo()).addValue(BigDecimal.valueOf(rule.cooperatingShare()))
                            .addValue(rule.cap() == null ? null : BigDecimal.valueOf(rule.cap())).addInteger(order++))
                    .await().indefinitely();
        }
        return id.toString();
    }

    /** Appends a domain event as a test stages it (see {@link EventPayloads#FABRICATED_BY_TEST}); answers its id. */
    public String event(String type, String objectType, String objectId, List<String> unitIds, String period,
            String payloadJson) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO domain_event (id, type, object_type, object_id, unit_ids, period, payload, occurred_at, actor_id)
                VALUES ($1, $2, $3, $4, $5, $6, cast(cast($7 AS text) AS jsonb), now(), $8)""")
                .execute(Tuple.tuple().addUUID(id).addString(type).addString(objectType).addString(objectId)
                        .addArrayOfUUID(unitIds.stream().map(UUID::fromString).toArray(UUID[]::new)).addString(period)
                        .addString(payloadJson).addUUID(EventPayloads.FABRICATED_BY_TEST))
                .await().indefinitely();
        return id.toString();
    }

    /** An EFFECTIVE posted entry of {@code points} for the unit under the rule book's rule, from the event. */
    public String entry(String unitId, int year, double points, String ruleCode, String ruleBookId, String eventId) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO point_entry (id, unit_id, year, points, source, rule_code, rule_book_id, rule_book_version,
                    source_event_id, object_type, object_id, computation, status, created_at)
                SELECT $1, $2, $3, $4, 'SUPERVISION', $5, b.id, b.version, e.id, e.object_type, e.object_id,
                       '{}', 'EFFECTIVE', now()
                FROM assessment_rule_book b, domain_event e WHERE b.id = $6 AND e.id = $7""")
                .execute(Tuple.tuple().addUUID(id).addUUID(UUID.fromString(unitId)).addInteger(year)
                        .addValue(BigDecimal.valueOf(points)).addString(ruleCode).addUUID(UUID.fromString(ruleBookId))
                        .addUUID(UUID.fromString(eventId)))
                .await().indefinitely();
        return id.toString();
    }
}
