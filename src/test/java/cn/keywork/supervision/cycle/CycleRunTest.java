package cn.keywork.supervision.cycle;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.cycle.domain.CycleRun;
import cn.keywork.supervision.cycle.domain.CycleRunStatus;
import cn.keywork.supervision.cycle.domain.CycleStepRow;
import cn.keywork.supervision.cycle.domain.CycleTrigger;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.domain.StepStatus;
import cn.keywork.supervision.cycle.service.CycleEngine;
import cn.keywork.supervision.cycle.service.CycleSchedule;
import cn.keywork.supervision.cycle.service.CycleStepHook;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The cycle engine (R10, R13): once per period across instances, resumable, catching up, dry runs. */
@QuarkusTest
class CycleRunTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Inject
    Pool database;

    @Inject
    CycleEngine engine;

    @Inject
    CycleSchedule schedule;

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    private static void clockAt(String instant) {
        QuarkusMock.installMockForType(Clock.fixed(Instant.parse(instant), CITY), Clock.class);
    }

    /** Records the steps that began, in order; fails (once) before the step given. */
    static final class RecordingHook extends CycleStepHook {
        final List<Integer> began = Collections.synchronizedList(new ArrayList<>());
        int failBefore;

        RecordingHook(int failBefore) {
            this.failBefore = failBefore;
        }

        @Override
        public Uni<Void> beforeStep(CycleType type, String period, int number) {
            began.add(number);
            if (number == failBefore) {
                failBefore = 0;
                return Uni.createFrom().failure(new IllegalStateException("crash injected before step " + number));
            }
            return Uni.createFrom().voidItem();
        }
    }

    private long count(String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely().iterator().next().getLong(0);
    }

    private List<String> strings(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        for (Row row : database.preparedQuery(sql).execute(Tuple.from(parameters)).await().indefinitely()) {
            values.add(row.getValue(0) == null ? null : row.getValue(0).toString());
        }
        return values;
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID task(int year, String status) {
        UUID lead = UUID.fromString(Units.registerId(uniqueCode("CY"), "周期测试单位" + uniqueCode("N")));
        UUID id = UUID.randomUUID();
        database.preparedQuery("""
                INSERT INTO key_task (id, year, code, category, title, target, content, deadline, lead_unit_id, status,
                version, created_at, updated_at)
                VALUES ($1, $2, $3, 'OTHER', '周期测试任务', '目标', '内容', $4, $5, $6, 1, $7, $7)""")
                .execute(Tuple.from(java.util.Arrays.asList(id, year, uniqueCode("CT"), LocalDate.of(year, 12, 31), lead, status,
                        java.time.OffsetDateTime.parse(year + "-01-05T00:00:00Z"))))
                .await().indefinitely();
        return id;
    }

    @Test
    void r13_the_monthly_run_reminds_before_the_deadline_waits_for_it_then_closes_reporting_and_freezes_the_ledger() {
        UUID active = task(2092, "ACTIVE");
        clockAt("2092-06-22T02:00:00Z");
        CycleRun waiting = await(() -> engine.start(CycleType.MONTHLY, "2092-06", CycleTrigger.SCHEDULE, "instance-a"));
        assertThat(waiting.status()).isEqualTo(CycleRunStatus.WAITING);
        assertThat(waiting.steps().get(0).status()).isEqualTo(StepStatus.DONE);
        assertThat(waiting.steps().get(0).counts()).containsEntry("reminded", 0L);
        assertThat(waiting.steps().get(1).status()).isEqualTo(StepStatus.PENDING);

        clockAt("2092-06-24T02:00:00Z");
        assertThat(await(() -> engine.resumeDue())).isZero();
        assertThat(await(() -> schedule.openCurrentMonth())).isZero();
        clockAt("2092-06-25T16:00:00Z");
        assertThat(await(() -> engine.resumeDue())).isEqualTo(1);
        assertThat(strings("SELECT status || ' ' || attempts FROM cycle_run WHERE type = 'MONTHLY' AND period = '2092-06'"))
                .containsExactly("SUCCEEDED 2");
        assertThat(strings("SELECT status FROM progress_report WHERE task_id = $1 AND period = '2092-06'", active))
                .containsExactly("NOT_REPORTED");
        assertThat(strings("SELECT light FROM progress_figure WHERE task_id = $1 AND period = '2092-06'", active))
                .containsExactly("NOT_REPORTED");
        // the lights of step 3 already show the closed reporting, so step 4 drafts the urging slip it calls for
        assertThat(strings("SELECT type || ' ' || rule || ' ' || status FROM slip WHERE task_id = $1 AND proposal_period = '2092-06'",
                active)).containsExactly("URGING R8_NOT_REPORTED DRAFT");
        assertThat(count("SELECT count(*) FROM ledger WHERE period = '2092-06' AND published_version IS NULL")).isEqualTo(1);
    }

    @Test
    void r13_the_tick_opens_the_current_month_s_run_on_its_reminder_day_so_units_are_reminded_before_the_deadline() {
        clockAt("2092-09-21T15:00:00Z"); // 2092-09-21 23:00 in the city: one day before the reminders
        assertThat(await(() -> schedule.openCurrentMonth())).isZero();
        clockAt("2092-09-21T16:00:00Z"); // 2092-09-22 00:00
        assertThat(await(() -> schedule.openCurrentMonth())).isEqualTo(1);
        assertThat(strings("SELECT status || ' ' || trigger FROM cycle_run WHERE type = 'MONTHLY' AND period = '2092-09'"))
                .containsExactly("WAITING SCHEDULE");
        assertThat(strings("SELECT status FROM cycle_step WHERE type = 'MONTHLY' AND period = '2092-09' AND number = 1"))
                .containsExactly("DONE");
        assertThat(await(() -> schedule.openCurrentMonth())).isZero();
    }

    @Test
    void r10_the_yearly_run_flags_unfinished_tasks_and_closes_completed_ones_once() {
        UUID active = task(2091, "ACTIVE");
        UUID completed = task(2091, "COMPLETED");
        clockAt("2091-12-19T18:00:00Z");
        CycleRun run = await(() -> engine.start(CycleType.YEARLY, "2091", CycleTrigger.SCHEDULE, "instance-a"));
        assertThat(run.status()).isEqualTo(CycleRunStatus.SUCCEEDED);
        assertThat(run.steps().get(0).counts()).containsEntry("flagged", 1L);
        assertThat(run.steps().get(1).counts()).containsEntry("closed", 1L);
        assertThat(strings("SELECT status FROM key_task WHERE id = $1", completed)).containsExactly("CLOSED");
        assertThat(strings("SELECT status FROM key_task WHERE id = $1", active)).containsExactly("ACTIVE");
        assertThat(count("SELECT count(*) FROM domain_event WHERE type = 'task.unfinished' AND object_id = $1", active.toString()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event WHERE type = 'task.closed' AND object_id = $1", completed.toString()))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'TASKS_CLOSED_AT_YEAR_END' AND object_id = '2091'"))
                .isEqualTo(1);
        as("OFFICE").post("/api/v1/cycles/YEARLY/2091/runs").then().statusCode(409);
    }

    @Test
    void r13_two_concurrent_manual_triggers_of_one_period_make_one_run_whose_steps_are_done_once() throws Exception {
        clockAt("2095-03-27T02:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<Integer> trigger = () -> as("OFFICE").post("/api/v1/cycles/MONTHLY/2095-03/runs").then().extract().statusCode();
        List<Future<Integer>> answers = pool.invokeAll(List.of(trigger, trigger));
        pool.shutdown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            codes.add(answer.get());
        }
        assertThat(codes).containsExactlyInAnyOrder(200, 409);
        assertThat(count("SELECT count(*) FROM cycle_run WHERE type = 'MONTHLY' AND period = '2095-03'")).isEqualTo(1);
        assertThat(count("SELECT attempts FROM cycle_run WHERE type = 'MONTHLY' AND period = '2095-03'")).isEqualTo(1);
        assertThat(strings("SELECT status FROM cycle_step WHERE type = 'MONTHLY' AND period = '2095-03' ORDER BY number"))
                .containsExactly("SKIPPED", "DONE", "DONE", "DONE", "DONE");
        assertThat(count("SELECT count(*) FROM ledger WHERE period = '2095-03'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event WHERE type = 'cycle.finished' AND object_id = 'MONTHLY/2095-03'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'CYCLE_RUN_STARTED' AND object_id = 'MONTHLY/2095-03'"))
                .isEqualTo(1);

        as("OFFICE").post("/api/v1/cycles/MONTHLY/2095-03/runs").then().statusCode(409);
        as("LEADER").get("/api/v1/cycles/MONTHLY/2095-03/runs").then().statusCode(200)
                .body("status", equalTo("SUCCEEDED")).body("steps[4].name", equalTo("freeze-ledger"))
                .body("steps[4].counts.published", equalTo(0));
        as("OFFICE").get("/api/v1/cycles/runs?type=MONTHLY&status=SUCCEEDED").then().statusCode(200);
    }

    @Test
    void r13_two_instances_firing_at_the_month_boundary_make_one_run_of_the_new_month() throws Exception {
        ZoneId city = CITY;
        // 2026-11-30 23:59 in the city still belongs to November; 2026-12-01 00:00 (16:00 UTC) to December
        assertThat(CycleType.MONTHLY.periodFiredOn(LocalDate.ofInstant(Instant.parse("2026-11-30T15:59:00Z"), city)))
                .isEqualTo("2026-11");
        assertThat(CycleType.MONTHLY.periodFiredOn(LocalDate.ofInstant(Instant.parse("2026-11-30T16:00:00Z"), city)))
                .isEqualTo("2026-12");
        assertThat(CycleType.QUARTERLY.periodFiredOn(LocalDate.of(2027, 1, 4))).isEqualTo("2026-Q4");

        clockAt("2096-11-30T16:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> fired = pool.invokeAll(List.of(
                () -> await(() -> schedule.fire(CycleType.MONTHLY, "instance-a")),
                () -> await(() -> schedule.fire(CycleType.MONTHLY, "instance-b"))));
        pool.shutdown();
        List<String> periods = new ArrayList<>();
        for (Future<String> one : fired) {
            periods.add(one.get());
        }
        assertThat(periods).containsOnly("2096-12", null).contains("2096-12");
        assertThat(strings("SELECT period FROM cycle_run WHERE type = 'MONTHLY' AND period LIKE '2096-1%'"))
                .containsExactly("2096-12");
        // its first step waits for the reminder day, so the run waits too
        assertThat(strings("SELECT status || ' ' || attempts FROM cycle_run WHERE type = 'MONTHLY' AND period = '2096-12'"))
                .containsExactly("WAITING 1");
    }

    @Test
    void r13_a_run_that_failed_after_step_3_resumes_at_step_4_without_repeating_steps_1_to_3() {
        clockAt("2097-05-27T02:00:00Z");
        RecordingHook crash = new RecordingHook(4);
        QuarkusMock.installMockForType(crash, CycleStepHook.class);
        CycleRun failed = await(() -> engine.start(CycleType.MONTHLY, "2097-05", CycleTrigger.SCHEDULE, "instance-a"));
        assertThat(failed.status()).isEqualTo(CycleRunStatus.FAILED);
        assertThat(failed.error()).contains("4 draft-slips").contains("crash injected");
        assertThat(failed.steps()).extracting(CycleStepRow::status)
                .containsExactly(StepStatus.SKIPPED, StepStatus.DONE, StepStatus.DONE, StepStatus.FAILED, StepStatus.PENDING);
        assertThat(crash.began).containsExactly(1, 2, 3, 4);
        List<String> finishedBefore = strings(
                "SELECT finished_at FROM cycle_step WHERE type = 'MONTHLY' AND period = '2097-05' AND number <= 3 ORDER BY number");

        clockAt("2097-05-27T03:00:00Z");
        RecordingHook after = new RecordingHook(0);
        QuarkusMock.installMockForType(after, CycleStepHook.class);
        CycleRun resumed = await(() -> engine.start(CycleType.MONTHLY, "2097-05", CycleTrigger.MANUAL, "instance-b"));
        assertThat(resumed.status()).isEqualTo(CycleRunStatus.SUCCEEDED);
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(resumed.owner()).isEqualTo("instance-b");
        assertThat(after.began).containsExactly(4, 5);
        assertThat(strings(
                "SELECT finished_at FROM cycle_step WHERE type = 'MONTHLY' AND period = '2097-05' AND number <= 3 ORDER BY number"))
                .isEqualTo(finishedBefore);
        assertThat(count("SELECT count(*) FROM domain_event WHERE type = 'cycle.finished' AND object_id = 'MONTHLY/2097-05'"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM ledger WHERE period = '2097-05'")).isEqualTo(1);
    }

    @Test
    void r13_a_run_held_by_a_live_instance_is_refused_and_taken_over_once_its_lease_expired() {
        clockAt("2097-08-27T02:00:00Z");
        database.preparedQuery("""
                INSERT INTO cycle_run (type, period, status, trigger, started_at, owner, lease_until, heartbeat_at)
                VALUES ('MONTHLY', '2097-08', 'RUNNING', 'SCHEDULE', $1, 'crashed-instance', $2, $1)""")
                .execute(Tuple.of(java.time.OffsetDateTime.parse("2097-08-27T01:59:00Z"),
                        java.time.OffsetDateTime.parse("2097-08-27T02:01:00Z")))
                .await().indefinitely();
        as("OFFICE").post("/api/v1/cycles/MONTHLY/2097-08/runs").then().statusCode(409);
        clockAt("2097-08-27T02:05:00Z");
        assertThat(await(() -> schedule.tick())).isGreaterThanOrEqualTo(1);
        assertThat(strings("SELECT status || ' ' || attempts FROM cycle_run WHERE type = 'MONTHLY' AND period = '2097-08'"))
                .containsExactly("SUCCEEDED 2");
    }

    @Test
    void r13_three_missed_months_are_caught_up_in_order_within_the_horizon() {
        clockAt("2098-12-10T04:00:00Z");
        int started = await(() -> schedule.catchUp());
        assertThat(started).isEqualTo(4);
        assertThat(strings("SELECT type || ' ' || period || ' ' || trigger || ' ' || status FROM cycle_run "
                + "WHERE period LIKE '2098%' ORDER BY seq"))
                .containsExactly("MONTHLY 2098-09 CATCH_UP SUCCEEDED", "QUARTERLY 2098-Q3 CATCH_UP SUCCEEDED",
                        "MONTHLY 2098-10 CATCH_UP SUCCEEDED", "MONTHLY 2098-11 CATCH_UP SUCCEEDED");
        assertThat(strings("SELECT period FROM ledger WHERE period LIKE '2098%' ORDER BY period"))
                .containsExactly("2098-09", "2098-10", "2098-11");
        assertThat(count("SELECT count(*) FROM briefing WHERE quarter = '2098-Q3'")).isEqualTo(1);
        assertThat(await(() -> schedule.catchUp())).isZero();
    }

    @Test
    void r13_periods_whose_schedule_fired_before_the_cycles_began_here_are_not_caught_up_nor_opened() {
        java.time.OffsetDateTime began = database.query("SELECT since FROM cycle_calendar").execute().await().indefinitely()
                .iterator().next().getOffsetDateTime(0);
        try {
            database.query("UPDATE cycle_calendar SET since = '2095-10-27T00:00:00+08'").execute().await().indefinitely();
            clockAt("2095-11-23T04:00:00Z");
            // September's and October's months and the third quarter fired before the installation
            assertThat(await(() -> schedule.catchUp())).isZero();
            assertThat(count("SELECT count(*) FROM cycle_run WHERE period LIKE '2095%'")).isZero();
            // November's run fires on the 26th, after it: its reminder day opens it
            assertThat(await(() -> schedule.openCurrentMonth())).isEqualTo(1);
            database.query("UPDATE cycle_calendar SET since = '2095-12-27T00:00:00+08'").execute().await().indefinitely();
            clockAt("2095-12-27T20:00:00Z");
            assertThat(await(() -> schedule.openCurrentMonth())).isZero();
        } finally {
            database.preparedQuery("UPDATE cycle_calendar SET since = $1").execute(Tuple.of(began))
                    .await().indefinitely();
        }
    }

    @Test
    void r10_the_yearly_run_closes_the_year_s_completed_tasks_and_records_the_hooks_as_skipped() {
        clockAt("2099-12-19T18:00:00Z");
        CycleRun run = await(() -> engine.start(CycleType.YEARLY, "2099", CycleTrigger.SCHEDULE, "instance-a"));
        assertThat(run.status()).isEqualTo(CycleRunStatus.SUCCEEDED);
        assertThat(run.steps()).extracting(CycleStepRow::status)
                .containsExactly(StepStatus.DONE, StepStatus.DONE, StepStatus.SKIPPED, StepStatus.SKIPPED);
        assertThat(run.steps().get(2).error()).contains("supervision.tasks.declaration-window");
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
        as("OFFICE").get("/api/v1/cycles/YEARLY/2099/runs").then().statusCode(200).body("steps[1].counts.closed", equalTo(0));
    }

    @Test
    void r13_a_dry_run_changes_nothing_and_says_what_each_step_would_do() {
        String tables = "SELECT (SELECT count(*) FROM slip), (SELECT count(*) FROM ledger), "
                + "(SELECT count(*) FROM progress_figure), (SELECT count(*) FROM domain_event), (SELECT count(*) FROM cycle_run), "
                + "(SELECT count(*) FROM progress_report), (SELECT count(*) FROM audit_event WHERE action LIKE 'CYCLE%'), "
                + "(SELECT count(*) FROM evaluation_round)";
        List<Long> before = counts(tables);
        as("OFFICE").post("/api/v1/cycles/MONTHLY/2026-10/runs?dryRun=true").then().statusCode(200)
                .body("dryRun", equalTo(true)).body("steps.size()", equalTo(5))
                .body("steps[2].name", equalTo("compute-lights"));
        // The public-evaluation step would make and open the quarter's round (R14): counted, nothing written.
        as("OFFICE").post("/api/v1/cycles/QUARTERLY/2026-Q3/runs?dryRun=true").then().statusCode(200)
                .body("steps[1].name", equalTo("public-evaluation")).body("steps[1].status", equalTo("PENDING"));
        as("OFFICE").post("/api/v1/cycles/YEARLY/2026/runs?dryRun=true").then().statusCode(200);
        assertThat(counts(tables)).isEqualTo(before);
        as("OFFICE").get("/api/v1/cycles/MONTHLY/2026-10/runs").then().statusCode(404);
    }

    @Test
    void r13_a_period_that_does_not_fit_its_cycle_is_refused_and_only_the_office_starts_runs() {
        as("OFFICE").post("/api/v1/cycles/MONTHLY/2026-Q4/runs").then().statusCode(400);
        as("OFFICE").post("/api/v1/cycles/YEARLY/2026-11/runs").then().statusCode(400);
        as("LEADER").post("/api/v1/cycles/MONTHLY/2026-11/runs").then().statusCode(403);
        as("LEADER").get("/api/v1/cycles/runs").then().statusCode(200);
        as("UNIT_LIAISON").get("/api/v1/cycles/runs").then().statusCode(403);
    }

    private List<Long> counts(String sql) {
        Row row = database.query(sql).execute().await().indefinitely().iterator().next();
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(row.getLong(i));
        }
        return values;
    }
}
