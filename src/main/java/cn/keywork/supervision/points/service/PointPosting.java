package cn.keywork.supervision.points.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.points.repository.PostingRepository;
import cn.keywork.supervision.points.repository.PostingRepository.Posted;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The posting consumer (R16): every {@code supervision.points.post-every} it posts, batch by
 * batch, the point entries of the events committed since its cursor. Each batch is one
 * transaction: claim the cursor (a lease, so one instance at a time; the row stays locked until
 * commit), one set-based statement that posts and moves the cursor. A unique key on event × rule
 * × version × unit keeps an event from being posted twice; a crash rolls the batch back whole.
 */
@ApplicationScoped
public class PointPosting {

    private static final Logger LOG = Logger.getLogger(PointPosting.class);

    /** What one run posted: events read and entries posted, over all its batches. */
    public record Run(long events, long entries) {
    }

    private final PostingRepository repository;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final Duration lease;
    private final String owner = "points-" + UUID.randomUUID().toString().substring(0, 8);

    PointPosting(PostingRepository repository, Clock clock, SupervisionConfig config) {
        this.repository = repository;
        this.clock = clock;
        this.enabled = config.points().enabled();
        this.batchSize = config.points().batchSize();
        this.lease = config.points().lease();
    }

    @Scheduled(identity = "points-posting", every = "{supervision.points.post-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return enabled ? post().invoke(run -> {
            if (run.entries() > 0) {
                LOG.infof("Points posted: %d entries from %d events", run.entries(), run.events());
            }
        }).replaceWithVoid() : Uni.createFrom().voidItem();
    }

    /** Posts everything committed since the cursor, as this instance. */
    public Uni<Run> post() {
        return post(owner, batchSize);
    }

    /** Posts batch after batch of at most {@code limit} events as {@code instance}, until one is not full. */
    public Uni<Run> post(String instance, int limit) {
        return batch(instance, limit).chain(first -> first == null || first.events() < limit
                ? Uni.createFrom().item(first == null ? new Run(0, 0) : new Run(first.events(), first.entries()))
                : post(instance, limit).map(rest -> new Run(first.events() + rest.events(), first.entries() + rest.entries())));
    }

    /** One batch in its own transaction; null when another instance holds the cursor. */
    public Uni<Posted> batch(String instance, int limit) {
        Instant now = clock.instant();
        return Panache.withTransaction(() -> repository.claim(instance, now, now.plus(lease))
                .chain(cursor -> cursor == null ? Uni.createFrom().nullItem() : repository.post(cursor, limit, now)));
    }
}
