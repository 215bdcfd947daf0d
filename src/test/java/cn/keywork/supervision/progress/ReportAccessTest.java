package cn.keywork.supervision.progress;

import static cn.keywork.supervision.progress.ReportFixture.draft;
import static cn.keywork.supervision.progress.ReportFixture.item;
import static cn.keywork.supervision.progress.ReportFixture.now;
import static cn.keywork.supervision.progress.ReportFixture.registered;
import static cn.keywork.supervision.support.Api.asUnit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.progress.ReportFixture.RegisteredTask;
import cn.keywork.supervision.progress.domain.ReportRef;
import cn.keywork.supervision.progress.domain.ReportStatus;
import cn.keywork.supervision.progress.service.ReportAccess;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** How other features reach a report: its reference when readable, and only a draft or returned one to add to. */
@QuarkusTest
class ReportAccessTest {

    private static final int YEAR = 2033;

    @Inject
    ReportAccess access;

    @Inject
    Vertx vertx;

    /** Runs on a Vert.x context as a request would (as the service itself: no request, no unit scope). */
    private <T> T run(Supplier<Uni<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        VertxContext.getOrCreateDuplicatedContext(vertx).runOnContext(nothing -> {
            try {
                io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle.setCurrentContextSafe(true);
                work.get().subscribe().with(result::complete, result::completeExceptionally);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.orTimeout(60, java.util.concurrent.TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void r5_a_report_is_referred_to_with_its_units_and_status_and_is_editable_only_as_a_draft_or_returned() {
        now(YEAR + "-03-10T10:00:00+08:00");
        RegisteredTask task = registered(YEAR, "RR");
        String period = YEAR + "-02";
        UUID taskId = UUID.fromString(task.taskId());
        assertThatThrownBy(() -> run(() -> access.readable(taskId, period))).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> run(() -> access.readable(UUID.randomUUID(), period))).isInstanceOf(NotFound.class);

        String reportId = asUnit("UNIT_LIAISON", task.lead()).body(draft(item(task.leadItem(), 10), item(task.partnerItem(), 10)))
                .put(task.report(period)).then().statusCode(201).extract().path("id");
        ReportRef ref = run(() -> access.readable(taskId, period));
        assertThat(ref.reportId()).hasToString(reportId);
        assertThat(ref.period()).isEqualTo(period);
        assertThat(ref.leadUnitId()).hasToString(task.lead());
        assertThat(ref.unitIds()).extracting(UUID::toString).containsExactly(task.lead(), task.partner());
        assertThat(ref.status()).isEqualTo(ReportStatus.DRAFT);
        assertThat(run(() -> access.editable(taskId, period)).reportId()).hasToString(reportId);

        asUnit("UNIT_LIAISON", task.lead()).header("If-Match", "\"1\"").body(java.util.Map.of("action", "SUBMIT"))
                .post(task.report(period) + "/transitions").then().statusCode(200);
        assertThat(run(() -> access.readable(taskId, period)).status()).isEqualTo(ReportStatus.SUBMITTED);
        assertThatThrownBy(() -> run(() -> access.editable(taskId, period))).isInstanceOf(Conflict.class);
        assertThat(List.of(ReportStatus.values())).contains(ReportStatus.NOT_REPORTED);
    }
}
