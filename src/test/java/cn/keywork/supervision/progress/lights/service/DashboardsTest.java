package cn.keywork.supervision.progress.lights.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.progress.lights.domain.Dashboard;
import cn.keywork.supervision.progress.lights.domain.LedgerStatus;
import io.smallrye.mutiny.Uni;

/** R5: a month's dashboard is computed once per scope and interval, and shared by the readers who wait for it. */
class DashboardsTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger computed = new AtomicInteger();

    private Uni<Dashboard> compute(String period) {
        return Uni.createFrom().item(() -> new Dashboard(period, LedgerStatus.OPEN, computed.incrementAndGet(), List.of(),
                List.of(), List.of(), List.of()));
    }

    @Test
    void r5_readers_of_the_same_month_and_scope_share_one_computation_until_it_is_older_than_the_setting() {
        Dashboards dashboards = new Dashboards(Duration.ofSeconds(15), nanos::get);
        UUID unit = UUID.randomUUID();
        assertThat(dashboards.get("2026-11", null, 10, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(1);
        assertThat(dashboards.get("2026-11", null, 10, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(1);
        // Another unit's scope, another length or another month is computed on its own.
        assertThat(dashboards.get("2026-11", unit, 10, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(2);
        assertThat(dashboards.get("2026-11", null, 5, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(3);
        assertThat(dashboards.get("2026-10", null, 10, () -> compute("2026-10")).await().indefinitely().total()).isEqualTo(4);
        nanos.addAndGet(Duration.ofSeconds(16).toNanos());
        assertThat(dashboards.get("2026-11", null, 10, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(5);
    }

    @Test
    void r5_a_failed_computation_is_not_kept_and_a_zero_setting_computes_every_time() {
        Dashboards dashboards = new Dashboards(Duration.ofSeconds(15), nanos::get);
        assertThatThrownBy(() -> dashboards.get("2026-11", null, 10,
                () -> Uni.createFrom().failure(new IllegalStateException("database gone"))).await().indefinitely())
                .hasMessageContaining("database gone");
        assertThat(dashboards.get("2026-11", null, 10, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(1);

        Dashboards never = new Dashboards(Duration.ZERO, nanos::get);
        never.get("2026-11", null, 10, () -> compute("2026-11")).await().indefinitely();
        assertThat(never.get("2026-11", null, 10, () -> compute("2026-11")).await().indefinitely().total()).isEqualTo(3);
    }
}
