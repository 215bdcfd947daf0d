package cn.keywork.supervision.progress.lights;

import static cn.keywork.supervision.support.Api.uniqueCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Seeds registered tasks, their plans and accepted reports straight into the tables the figures
 * are computed from, so a test states exactly the planned and actual percentages it checks.
 */
final class ProgressFixture {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Pool database;

    ProgressFixture(Pool database) {
        this.database = database;
    }

    /** A registered task (status ACTIVE unless given) of {@code year}. */
    UUID task(int year, String category, String title, UUID lead, LocalDate deadline, String status, UUID... cooperating) {
        UUID id = UUID.randomUUID();
        String code = uniqueCode("LT");
        database.preparedQuery("""
                INSERT INTO key_task (id, year, code, category, title, target, content, deadline, lead_unit_id, status, version,
                created_at, updated_at) VALUES ($1, $2, $3, $4, $5, '目标', '内容', $6, $7, $8, 1, $9, $9)""")
                .execute(Tuple.from(List.<Object>of(id, year, code, category, title, deadline, lead, status, NOW))).await().indefinitely();
        int order = 0;
        for (UUID unit : cooperating) {
            database.preparedQuery("INSERT INTO key_task_cooperation (task_id, unit_id, responsibility, list_order) VALUES ($1, $2, '配合', $3)")
                    .execute(Tuple.of(id, unit, order++)).await().indefinitely();
        }
        return id;
    }

    /** A sub-item with its planned percentages by month ("2019-06" → 50). */
    UUID subItem(UUID task, UUID unit, double weight, LocalDate deadline, Map<String, Number> planned) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO task_sub_item (id, task_id, list_order, content, responsible_unit_id, deadline, weight, version, created_at,
                updated_at) VALUES ($1, $2, (SELECT count(*) FROM task_sub_item WHERE task_id = $2), '子项', $3, $4, $5, 1, $6, $6)""")
                .execute(Tuple.from(List.<Object>of(id, task, unit, deadline, BigDecimal.valueOf(weight), NOW))).await().indefinitely();
        planned.forEach((month, percent) -> database.preparedQuery(
                "INSERT INTO task_sub_item_month (sub_item_id, month, planned_percent) VALUES ($1, $2, $3)")
                .execute(Tuple.of(id, month, new BigDecimal(percent.toString()))).await().indefinitely());
        return id;
    }

    /** A report of {@code period} in {@code status} with the sub-items' actual percentages. */
    UUID report(UUID task, String period, String status, Map<UUID, Number> actuals) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO progress_report (id, task_id, period, status, summary, problems, version, created_at, updated_at)
                VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)""")
                .execute(Tuple.from(List.<Object>of(id, task, period, status, "本月进展：" + period, "存在问题：资金", NOW))).await().indefinitely();
        actuals.forEach((subItem, actual) -> database.preparedQuery(
                "INSERT INTO progress_report_sub_item (report_id, sub_item_id, actual, updated_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(id, subItem, new BigDecimal(actual.toString()), NOW)).await().indefinitely());
        return id;
    }

    static Map<String, Number> plan(Object... monthPercent) {
        Map<String, Number> plan = new LinkedHashMap<>();
        for (int i = 0; i < monthPercent.length; i += 2) {
            plan.put((String) monthPercent[i], (Number) monthPercent[i + 1]);
        }
        return plan;
    }
}
