package cn.keywork.supervision.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Counts requests refused for lack of a valid token, per client address, and writes one audit event
 * per address and interval with the count, the first operation and when it started. Writing each
 * one would let anyone fill the trail and slow every audited change (all appends share one lock).
 * Counts still in memory when an instance stops are lost; authenticated refusals are never counted
 * here, each one is kept.
 */
@ApplicationScoped
public class AnonymousRefusals {

    /** Distinct addresses counted per interval; beyond, the rest share one tally without an address. */
    static final int MAX_SOURCES = 10_000;

    static final class Tally {
        final AtomicLong count = new AtomicLong();
        final String firstOperation;
        final Instant since;

        Tally(String firstOperation, Instant since) {
            this.firstOperation = firstOperation;
            this.since = since;
        }
    }

    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final Clock clock;
    private final AuditTrail audit;

    AnonymousRefusals(Clock clock, AuditTrail audit) {
        this.clock = clock;
        this.audit = audit;
    }

    /** Counts one refusal; cheap, no database. */
    void count(String address, String operation) {
        String key = address == null ? "" : address;
        if (!tallies.containsKey(key) && tallies.size() >= MAX_SOURCES) {
            key = "";
        }
        tallies.computeIfAbsent(key, k -> new Tally(operation, clock.instant())).count.incrementAndGet();
    }

    /** Writes what was counted since the last flush: one event per address; no transaction when nothing was. */
    @Scheduled(every = "${supervision.audit.anonymous-refusal-interval:PT1M}", delayed = "10s")
    public Uni<Void> flush() {
        List<Map.Entry<String, Tally>> taken = new ArrayList<>();
        for (String key : List.copyOf(tallies.keySet())) {
            Tally tally = tallies.remove(key);
            if (tally != null) {
                taken.add(Map.entry(key, tally));
            }
        }
        return taken.isEmpty() ? Uni.createFrom().voidItem() : write(taken);
    }

    @WithTransaction
    Uni<Void> write(List<Map.Entry<String, Tally>> taken) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Tally> entry : taken) {
            Tally tally = entry.getValue();
            String address = entry.getKey().isEmpty() ? null : entry.getKey();
            AuditEntry event = new AuditEntry(AuditTrail.ANONYMOUS_REFUSAL, "Operation", tally.firstOperation,
                    AuditEntry.Outcome.FAILURE, null, tally.count.get() + " requests without a valid access token refused since "
                            + tally.since + " (first: " + tally.firstOperation + ")");
            chain = chain.chain(() -> audit.record(Actor.ANONYMOUS, event, null, address));
        }
        return chain;
    }
}
