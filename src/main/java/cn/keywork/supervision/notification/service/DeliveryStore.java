package cn.keywork.supervision.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.domain.Delivery;
import cn.keywork.supervision.notification.repository.DeliveryRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The delivery worker's transactions, each committed on its own: the claim is committed before
 * anything is sent, the outcome after.
 */
@ApplicationScoped
public class DeliveryStore {

    private final DeliveryRepository deliveries;

    DeliveryStore(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @WithTransaction
    public Uni<Long> plan(List<String> channels, Instant now, int limit) {
        return deliveries.plan(channels, now, limit);
    }

    @WithTransaction
    public Uni<List<Delivery>> claim(String worker, Instant now, Instant until, int limit) {
        return deliveries.claim(worker, now, until, limit);
    }

    @WithTransaction
    public Uni<Boolean> sent(UUID id, String worker, Instant now) {
        return deliveries.sent(id, worker, now).map(n -> n > 0);
    }

    @WithTransaction
    public Uni<Boolean> retryAt(UUID id, String worker, String error, Instant next) {
        return deliveries.retryAt(id, worker, error, next).map(n -> n > 0);
    }

    @WithTransaction
    public Uni<Boolean> givenUp(UUID id, String worker, String error) {
        return deliveries.givenUp(id, worker, error).map(n -> n > 0);
    }
}
