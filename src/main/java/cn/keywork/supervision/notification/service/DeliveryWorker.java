package cn.keywork.supervision.notification.service;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import cn.keywork.supervision.notification.channel.InAppChannel;
import cn.keywork.supervision.notification.channel.NotificationChannel;
import cn.keywork.supervision.notification.domain.Delivery;
import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends the outbox. Each run (1) writes the delivery rows of new notifications for the enabled
 * channels, (2) claims due rows in one committed transaction — PENDING → SENDING with a lease,
 * {@code FOR UPDATE SKIP LOCKED}, so two workers never hold one row — (3) sends each and records
 * the outcome in its own transaction: SENT; or PENDING again after an exponential backoff; or
 * FAILED after {@code supervision.notifications.max-attempts}.
 *
 * <p>A row still SENDING after its lease expired was claimed by a worker that died before it
 * recorded the outcome: the send may or may not have gone out. On a {@link NotificationChannel#repeatable()
 * repeatable} channel (e-mail, whose Message-ID is the delivery's id) it is sent again: at least
 * once, duplicates recognisable. On the others (SMS) it is FAILED without sending: at most once.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** What one run did. */
    public record Run(long planned, int claimed, int sent, int retried, int failed) {
    }

    private enum Outcome { SENT, RETRIED, FAILED, LOST }

    private final DeliveryStore store;
    private final Clock clock;
    private final SupervisionConfig.Notifications settings;
    private final Map<String, NotificationChannel> channels = new LinkedHashMap<>();
    private final String instance;

    DeliveryWorker(DeliveryStore store, Clock clock, SupervisionConfig config, Instance<NotificationChannel> all) {
        this.store = store;
        this.clock = clock;
        this.settings = config.notifications();
        Map<String, NotificationChannel> known = new LinkedHashMap<>();
        all.forEach(channel -> known.put(channel.name(), channel));
        for (String name : settings.channels()) {
            NotificationChannel channel = known.get(name.trim());
            if (channel == null) {
                throw new IllegalStateException("supervision.notifications.channels: unknown channel '" + name
                        + "' (known: " + String.join(", ", known.keySet()) + ")");
            }
            if (!channel.name().equals(InAppChannel.NAME)) {
                channels.put(channel.name(), channel);
            }
        }
        this.instance = ManagementFactory.getRuntimeMXBean().getName();
    }

    @Scheduled(identity = "notification-delivery", every = "{supervision.notifications.deliver-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return deliver(clock.instant()).replaceWithVoid();
    }

    /** The channels deliveries are written for (the enabled ones but in-app). */
    public List<String> channels() {
        return List.copyOf(channels.keySet());
    }

    /** One run at {@code now}, as one worker. */
    public Uni<Run> deliver(Instant now) {
        String worker = instance + "/" + UUID.randomUUID().toString().substring(0, 8);
        int batch = settings.batchSize();
        return store.plan(channels(), now, batch)
                .chain(planned -> store.claim(worker, now, now.plus(settings.lease()), batch)
                        .chain(claimed -> Multi.createFrom().iterable(claimed)
                                .onItem().transformToUniAndConcatenate(delivery -> one(worker, delivery, now))
                                .collect().asList()
                                .map(outcomes -> new Run(planned, claimed.size(), count(outcomes, Outcome.SENT),
                                        count(outcomes, Outcome.RETRIED), count(outcomes, Outcome.FAILED)))));
    }

    private static int count(List<Outcome> outcomes, Outcome wanted) {
        return (int) outcomes.stream().filter(wanted::equals).count();
    }

    private Uni<Outcome> one(String worker, Delivery delivery, Instant now) {
        NotificationChannel channel = channels.get(delivery.channel());
        if (channel == null) {
            return giveUp(worker, delivery, "channel " + delivery.channel() + " is not enabled");
        }
        if (delivery.resumed() && !channel.repeatable()) {
            return giveUp(worker, delivery, "interrupted while sending; outcome unknown, not repeated (at most once)");
        }
        if (delivery.attempts() > settings.maxAttempts()) {
            return giveUp(worker, delivery, "attempts exhausted");
        }
        if (delivery.address() == null) {
            return giveUp(worker, delivery, "the recipient has no address on this channel");
        }
        return channel.send(delivery)
                .onItemOrFailure().transformToUni((nothing, failure) -> failure == null
                        ? store.sent(delivery.id(), worker, now).map(held -> held ? Outcome.SENT : Outcome.LOST)
                        : failed(worker, delivery, now, failure));
    }

    private Uni<Outcome> failed(String worker, Delivery delivery, Instant now, Throwable failure) {
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (delivery.attempts() >= settings.maxAttempts()) {
            LOG.warnf("Delivery %s by %s failed for good after %d attempts: %s", delivery.id(), delivery.channel(),
                    delivery.attempts(), error);
            return giveUp(worker, delivery, error);
        }
        Instant next = now.plus(backoff(delivery.attempts()));
        LOG.debugf("Delivery %s by %s failed (attempt %d), next at %s: %s", delivery.id(), delivery.channel(),
                delivery.attempts(), next, error);
        return store.retryAt(delivery.id(), worker, error, next).map(held -> held ? Outcome.RETRIED : Outcome.LOST);
    }

    /** The wait after the {@code attempts}-th failed attempt: the backoff, doubled per further attempt, capped. */
    public Duration backoff(int attempts) {
        Duration wait = settings.backoff();
        for (int i = 1; i < attempts && wait.compareTo(settings.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
    }

    private Uni<Outcome> giveUp(String worker, Delivery delivery, String reason) {
        return store.givenUp(delivery.id(), worker, reason).map(held -> held ? Outcome.FAILED : Outcome.LOST);
    }
}
