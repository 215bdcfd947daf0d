package cn.keywork.supervision.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Every instance schedules the signed checkpoint; on one database the instances still publish one
 * per interval: the scheduled checkpoint of an instance is skipped when another signed one within
 * the last half interval.
 */
@QuarkusTest
class AuditCheckpointScheduleTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @Inject
    AuditCheckpoints checkpoints;

    @Inject
    Pool database;

    @Inject
    SupervisionConfig config;

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    private static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private long stored() {
        return database.query("SELECT count(*) FROM audit_checkpoint").execute().await().indefinitely()
                .iterator().next().getLong(0);
    }

    @Test
    void a_scheduled_checkpoint_is_skipped_when_another_instance_signed_one_within_half_the_interval() {
        await(checkpoints::publish);
        long before = stored();

        assertThat(await(checkpoints::publishIfDue)).isFalse();
        assertThat(stored()).isEqualTo(before);

        // An interval later the next instance's turn comes, and it signs one.
        Duration interval = config.audit().checkpointInterval();
        QuarkusMock.installMockForType(Clock.offset(Clock.system(CITY), interval), Clock.class);
        assertThat(await(checkpoints::publishIfDue)).isTrue();
        assertThat(stored()).isEqualTo(before + 1);
    }
}
