package cn.keywork.supervision.progress.lights.service;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * wait for that one instead of starting their own. Once a dashboard is older than the setting, the
 * next reader starts a new computation and is answered the older one meanwhile, so readers do not all
 * wait at each renewal; one older than twice the setting is not answered any more. A failed
 * computation is not kept.
 */
@ApplicationScoped
public class Dashboards {

    /** Months × scopes × lengths asked for; a province has a few hundred units. */
    private static final int MAX_KEPT = 2000;

    record Key(String period, UUID scope, int limit) {
    }

    /** A dashboard (being) computed, when it was started, and whether its successor is under way. */
    private record Entry(Uni<Dashboard> dashboard, long startedAt, AtomicBoolean renewing) {
    }

    private final Cache<Key, Entry> kept;
    private final Ticker ticker;
    private final long keepNanos;

    @Inject
    Dashboards(ProgressSettings settings) {
        this(settings.dashboardCache(), Ticker.systemTicker());
    }

    Dashboards(Duration keep, Ticker ticker) {
        this.ticker = ticker;
        this.keepNanos = keep.toNanos();
        this.kept = keep.isZero() || keep.isNegative() ? null
                : Caffeine.newBuilder().expireAfterWrite(keep.multipliedBy(2)).maximumSize(MAX_KEPT).ticker(ticker).build();
    }

    Uni<Dashboard> get(String period, UUID scope, int limit, Supplier<Uni<Dashboard>> compute) {
        if (kept == null) {
            return compute.get();
        }
        Key key = new Key(period, scope, limit);
        Entry entry = kept.get(key, k -> computeOnce(k, compute));
        Context context = Vertx.currentContext();
        if (ticker.read() - entry.startedAt() > keepNanos && entry.renewing().compareAndSet(false, true)) {
            Entry next = computeOnce(key, compute);
            Runnable renew = () -> next.dashboard().subscribe().with(
                    done -> kept.asMap().replace(key, entry, next),
                    failure -> entry.renewing().set(false));
            // on a context of its own: this request may end before the computation does
            if (context == null) {
                renew.run();
            } else {
                VertxContext.createNewDuplicatedContext(context).runOnContext(ignored -> renew.run());
            }
        }
        // The answer may come from another reader's computation: go on on this request's own context.
        Uni<Dashboard> shared = entry.dashboard();
        return context == null ? shared : shared.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private Entry computeOnce(Key key, Supplier<Uni<Dashboard>> compute) {
        Entry[] self = new Entry[1];
        Uni<Dashboard> once = compute.get()
                .onFailure().invoke(failure -> kept.asMap().remove(key, self[0]))
                .memoize().indefinitely();
        self[0] = new Entry(once, ticker.read(), new AtomicBoolean());
        return self[0];
    }
}
