package cn.keywork.supervision.webhook.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.webhook.domain.Attempt;
import cn.keywork.supervision.webhook.domain.ClaimedDelivery;
import cn.keywork.supervision.webhook.repository.DeliveryRepository;
import cn.keywork.supervision.webhook.repository.DeliveryRepository.FannedOut;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The webhook worker's transactions, each committed on its own: a fan-out batch; the claim of
 * due deliveries, committed before anything is sent; the outcome of each attempt after it.
 */
@ApplicationScoped
public class WebhookStore {

    private final DeliveryRepository deliveries;
    private final AuditTrail audit;

    WebhookStore(DeliveryRepository deliveries, AuditTrail audit) {
        this.deliveries = deliveries;
        this.audit = audit;
    }

    /** One fan-out batch; null when another instance holds the cursor. */
    public Uni<FannedOut> fanOut(String owner, int limit, Instant now, Instant leaseUntil) {
        return Panache.withTransaction(() -> deliveries.claimCursor(owner, now, leaseUntil)
                .chain(cursor -> cursor == null ? Uni.createFrom().nullItem() : deliveries.fanOut(cursor, limit, now)));
    }

    @WithTransaction
    public Uni<List<ClaimedDelivery>> claim(String worker, UUID webhook, Instant now, Instant until, int limit) {
        return deliveries.claim(worker, webhook, now, until, limit);
    }

    /**
     * Records an attempt; when it disabled the subscription, the audit row of that in the same
     * transaction. Whether the worker still held the delivery.
     */
    @WithTransaction
    public Uni<Boolean> record(ClaimedDelivery delivery, String worker, Instant at, Attempt attempt, Instant nextAttempt,
            Instant now, int disableAfter) {
        return deliveries.record(delivery.id(), delivery.webhookId(), worker, at, attempt, nextAttempt, now, disableAfter)
                .call(recorded -> recorded.disabled()
                        ? audit.record(Actor.SYSTEM, new AuditEntry("WEBHOOK_DISABLED", WebhookService.OBJECT_TYPE,
                                delivery.webhookId().toString(), AuditEntry.Outcome.SUCCESS, java.util.Map.of(),
                                "disabled after " + disableAfter + " consecutive failed attempts"))
                        : Uni.createFrom().voidItem())
                .map(DeliveryRepository.Recorded::held);
    }
}
