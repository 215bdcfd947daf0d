package cn.keywork.supervision.webhook.service;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.webhook.domain.Attempt;
import cn.keywork.supervision.webhook.domain.ClaimedDelivery;
import cn.keywork.supervision.webhook.domain.WebhookSignature;
import cn.keywork.supervision.webhook.repository.DeliveryRepository.FannedOut;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Webhook deliveries from the outbox. Each run (1) fans the events committed since the
 * {@code webhooks} cursor out into deliveries, batch by batch; (2) claims due deliveries in one
 * committed transaction with a lease; (3) sends each outside any transaction — host resolved and
 * checked again, connection pinned to the checked address, signed — and records the outcome in
 * a transaction of its own: DELIVERED on 2xx; otherwise PENDING again after an exponential
 * backoff with full jitter, or FAILED once {@code retry-for} has passed since the first attempt.
 * A worker that dies between claim and outcome leaves a claim that lapses: the next run sends the
 * delivery again (at least once; receivers de-duplicate by {@code webhook-id}).
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);

    /** What one run did. */
    public record Run(long events, long fannedOut, int claimed, int delivered, int failed) {
    }

    private final WebhookStore store;
    private final TargetGuard guard;
    private final WebhookSender sender;
    private final SecretBox box;
    private final Clock clock;
    private final SupervisionConfig.Webhooks settings;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();

    WebhookWorker(WebhookStore store, TargetGuard guard, WebhookSender sender, SecretBox box, Clock clock,
            SupervisionConfig config) {
        this.store = store;
        this.guard = guard;
        this.sender = sender;
        this.box = box;
        this.clock = clock;
        this.settings = config.webhooks();
        if (settings.lease().compareTo(settings.timeout().plusSeconds(5)) < 0) {
            throw new IllegalStateException("supervision.webhooks.lease must exceed supervision.webhooks.timeout by 5 s at least");
        }
    }

    @Scheduled(identity = "webhook-delivery", every = "{supervision.webhooks.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return settings.enabled() ? run(null).invoke(run -> {
            if (run.claimed() > 0) {
                LOG.debugf("Webhooks: %d deliveries tried, %d delivered, %d failed for good", run.claimed(), run.delivered(),
                        run.failed());
            }
        }).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Fans out what is new, then delivers what is due (of {@code webhook} only, when not null). */
    public Uni<Run> run(UUID webhook) {
        return fanOut().chain(fanned -> deliver(webhook)
                .map(run -> new Run(fanned.events(), fanned.deliveries(), run.claimed(), run.delivered(), run.failed())));
    }

    /** Fans out batch after batch until one is not full. */
    public Uni<FannedOut> fanOut() {
        String owner = instance + "/fan-out";
        Instant now = clock.instant();
        return store.fanOut(owner, settings.batchSize(), now, now.plus(settings.lease()))
                .chain(first -> first == null || first.events() < settings.batchSize()
                        ? Uni.createFrom().item(first == null ? new FannedOut(0, 0) : first)
                        : fanOut().map(rest -> new FannedOut(first.events() + rest.events(),
                                first.deliveries() + rest.deliveries())));
    }

    /** Claims the due deliveries (of {@code webhook} only, when not null) and sends them one after the other. */
    public Uni<Run> deliver(UUID webhook) {
        String worker = instance + "/" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = clock.instant();
        Instant until = now.plus(settings.lease());
        return store.claim(worker, webhook, now, until, settings.batchSize())
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndConcatenate(delivery -> one(worker, delivery, until))
                        .collect().asList()
                        .map(outcomes -> new Run(0, 0, claimed.size(), count(outcomes, Outcome.DELIVERED),
                                count(outcomes, Outcome.FAILED))));
    }

    private enum Outcome { DELIVERED, RETRY, FAILED, LEFT }

    private static int count(List<Outcome> outcomes, Outcome wanted) {
        return (int) outcomes.stream().filter(wanted::equals).count();
    }

    /**
     * Sends one delivery and records the outcome; leaves it untouched when its claim would lapse
     * during the attempt (the batch took long): the next run takes it, never two workers at once.
     */
    private Uni<Outcome> one(String worker, ClaimedDelivery delivery, Instant claimedUntil) {
        Instant at = clock.instant();
        if (at.plus(settings.timeout()).plusSeconds(2).isAfter(claimedUntil)) {
            return Uni.createFrom().item(Outcome.LEFT);
        }
        return guard.check(delivery.url())
                .chain(pinned -> {
                    long timestamp = clock.instant().getEpochSecond();
                    return sender.send(pinned.target(), pinned.address(),
                            new WebhookSender.Headers(delivery.eventId().toString(), timestamp, signature(delivery, timestamp)),
                            delivery.body());
                })
                .onFailure(InvalidInput.class).recoverWithItem(refused -> new Attempt(null, refusal((InvalidInput) refused), 0))
                .chain(attempt -> {
                    Instant now = clock.instant();
                    Instant next = attempt.delivered() ? null : nextAttempt(delivery, now);
                    Outcome outcome = attempt.delivered() ? Outcome.DELIVERED : next == null ? Outcome.FAILED : Outcome.RETRY;
                    if (outcome == Outcome.FAILED) {
                        LOG.warnf("Webhook delivery %s of event %s failed for good: %s", delivery.id(), delivery.eventId(),
                                attempt.error() != null ? attempt.error() : "status " + attempt.statusCode());
                    }
                    return store.record(delivery, worker, at, attempt, next, now, settings.disableAfter())
                            .map(held -> outcome);
                });
    }

    private static String refusal(InvalidInput refused) {
        InvalidInput.Violation violation = refused.violations().get(0);
        return "not sent: " + violation.message().key() + " " + String.join(" ", violation.arguments());
    }

    /** {@code v1,<sig>} under the current key, and under the previous one while it still signs. */
    private String signature(ClaimedDelivery delivery, long timestamp) {
        String id = delivery.eventId().toString();
        String current = WebhookSignature.sign(box.open(delivery.webhookId(), delivery.secret()), id, timestamp, delivery.body());
        return delivery.previousSecret() == null ? current
                : current + " " + WebhookSignature.sign(box.open(delivery.webhookId(), delivery.previousSecret()), id, timestamp,
                        delivery.body());
    }

    /**
     * When to try again after a failed attempt: a random wait up to base × 2^(attempts so far),
     * capped at {@code retry-max}, but never past {@code retry-for} after the first attempt; null
     * (FAILED) once that time has passed.
     */
    Instant nextAttempt(ClaimedDelivery delivery, Instant now) {
        Instant first = delivery.firstAttemptAt() == null ? now : delivery.firstAttemptAt();
        Instant deadline = first.plus(settings.retryFor());
        if (!now.isBefore(deadline)) {
            return null;
        }
        Instant next = now.plus(backoff(delivery.attempts()));
        return next.isAfter(deadline) ? deadline : next;
    }

    /** Full jitter: uniformly random between zero and min(retry-max, base × 2^n). */
    Duration backoff(int failedBefore) {
        Duration ceiling = settings.retryBase();
        for (int i = 0; i < failedBefore && ceiling.compareTo(settings.retryMax()) < 0; i++) {
            ceiling = ceiling.multipliedBy(2);
        }
        if (ceiling.compareTo(settings.retryMax()) > 0) {
            ceiling = settings.retryMax();
        }
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1));
    }
}
