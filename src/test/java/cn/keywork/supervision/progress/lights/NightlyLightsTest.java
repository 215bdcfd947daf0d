package cn.keywork.supervision.progress.lights;

import static cn.keywork.supervision.progress.lights.ProgressFixture.plan;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** R5: a deadline passing turns a task red overnight, without a report, and the change is logged. */
@QuarkusTest
class NightlyLightsTest {

    @Inject
    Pool database;

    @Inject
    ProgressFigures figures;

    @Test
    void r5_the_nightly_refresh_stores_a_light_turned_red_by_its_deadline_and_logs_it() throws Throwable {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        YearMonth month = YearMonth.from(today);
        ProgressFixture seed = new ProgressFixture(database);
        UUID lead = UUID.fromString(Units.registerId(uniqueCode("NL"), "夜间刷新单位"));
        UUID task = seed.task(month.getYear(), "OTHER", "昨日到期任务", lead, today.minusDays(1), "ACTIVE");
        seed.subItem(task, lead, 1, today.minusDays(1), plan(month.toString(), 100));
        // as it stood before the deadline passed
        database.preparedQuery("INSERT INTO progress_figure (task_id, period, planned, actual, lag, light, computed_at) "
                + "VALUES ($1, $2, 0, 0, 0, 'GREEN', $3)").execute(Tuple.of(task, month.toString(), OffsetDateTime.now()))
                .await().indefinitely();

        long changed = VertxContextSupport.subscribeAndAwait(() -> figures.refresh());

        assertThat(changed).isPositive();
        Row stored = database.preparedQuery("SELECT light FROM progress_figure WHERE task_id = $1 AND period = $2")
                .execute(Tuple.of(task, month.toString())).await().indefinitely().iterator().next();
        assertThat(stored.getString("light")).isEqualTo("RED");
        List<String> events = new ArrayList<>();
        database.preparedQuery("SELECT payload FROM domain_event WHERE type = 'light.changed' AND object_id = $1")
                .execute(Tuple.of(task.toString())).await().indefinitely()
                .forEach(row -> events.add(row.getJsonObject("payload").getString("from") + ">"
                        + row.getJsonObject("payload").getString("to")));
        assertThat(events).containsExactly("GREEN>RED");
    }
}
