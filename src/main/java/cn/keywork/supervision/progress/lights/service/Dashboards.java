package cn.keywork.supervision.progress.lights.service;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import cn.keywork.supervision.progress.lights.domain.Dashboard;
import io.smallrye.mutiny.Uni;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Dashboards computed in the last {@code supervision.progress.dashboard-cache}, per month, unit scope
 * and length: an open month's dashboard computes every task's figures from the schedules, and the
 * office, leaders and every unit look at it all day. Readers who ask while one is being computed
 * wait for that one instead of starting their own; a failed computation is not kept.
 */
@ApplicationScoped
public class Dashboards {

    /** Months × scopes × lengths asked for; a province has a few hundred units. */
    private static final int MAX_KEPT = 2000;

    record Key(String period, UUID scope, int limit) {
    }

    private final Cache<Key, Uni<Dashboard>> kept;

    @Inject
    Dashboards(ProgressSettings settings) {
        this(settings.dashboardCache(), Ticker.systemTicker());
    }

    Dashboards(Duration keep, Ticker ticker) {
        this.kept = keep.isZero() || keep.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(keep).maximumSize(MAX_KEPT).ticker(ticker).build();
    }

    Uni<Dashboard> get(String period, UUID scope, int limit, Supplier<Uni<Dashboard>> compute) {
        if (kept == null) {
            return compute.get();
        }
        Key key = new Key(period, scope, limit);
        Uni<Dashboard> shared = kept.get(key, k -> computeOnce(k, compute));
        // The answer may come from another reader's computation: go on on this request's own context.
        Context context = Vertx.currentContext();
        return context == null ? shared : shared.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /**
     * The computation runs on a context of its own, started by whichever reader subscribes first: it
     * belongs to no request, so its database session is neither another request's nor ended with one.
     */
    private Uni<Dashboard> computeOnce(Key key, Supplier<Uni<Dashboard>> compute) {
        Context base = Vertx.currentContext();
        @SuppressWarnings("unchecked")
        Uni<Dashboard>[] self = new Uni[1];
        Uni<Dashboard> computed = Uni.createFrom().deferred(compute::get);
        if (base != null) {
            computed = computed.runSubscriptionOn(
                    command -> VertxContext.createNewDuplicatedContext(base).runOnContext(ignored -> command.run()));
        }
        self[0] = computed
                .onFailure().invoke(failure -> kept.asMap().remove(key, self[0]))
                .memoize().indefinitely();
        return self[0];
    }
}
