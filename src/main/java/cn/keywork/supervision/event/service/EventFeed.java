package cn.keywork.supervision.event.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.event.domain.FeedCursor;
import cn.keywork.supervision.event.domain.FeedEvent;
import cn.keywork.supervision.event.domain.FeedFilter;
import cn.keywork.supervision.event.domain.FeedPage;
import cn.keywork.supervision.event.repository.EventFeedRepository;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The domain events as a follower sees them: in commit order, after a cursor, limited to the types
 * it asks for and, for a unit's account, to the events naming its unit.
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    /** Events one poll of a live stream reads at most; the next poll follows at once when it was full. */
    private static final int STREAM_BATCH = 200;

    private final EventFeedRepository repository;
    private final SupervisionConfig.Events settings;

    EventFeed(EventFeedRepository repository, SupervisionConfig config) {
        this.repository = repository;
        this.settings = config.events();
    }

    public Uni<FeedPage> page(Actor actor, String after, List<String> types, int limit) {
        FeedCursor cursor = FeedCursor.parse("after", after);
        return repository.after(cursor, new FeedFilter(types, actor.unitScope()), limit);
    }

    /**
     * The events committed after {@code after} (or, without one, from now on) as they become
     * visible, polled every {@code streamPoll}; a failed poll is logged and tried again at the next one.
     */
    public Multi<FeedEvent> follow(Actor actor, String after, List<String> types) {
        FeedFilter filter = new FeedFilter(types, actor.unitScope());
        Uni<FeedCursor> start = after == null ? repository.newest() : Uni.createFrom().item(FeedCursor.parse("after", after));
        Duration poll = settings.streamPoll();
        return start.onItem().transformToMulti(first -> {
            AtomicReference<FeedCursor> position = new AtomicReference<>(first);
            AtomicBoolean behind = new AtomicBoolean(true);
            return Multi.createBy().repeating()
                    .uni(() -> pause(behind.get() ? Duration.ZERO : poll)
                            .chain(() -> repository.after(position.get(), filter, STREAM_BATCH))
                            .onFailure().invoke(failure -> LOG.debugf(failure, "A live stream's poll failed; retried at the next"))
                            .onFailure().recoverWithItem(() -> new FeedPage(List.of(), position.get())))
                    .indefinitely()
                    .onItem().transformToIterable(page -> {
                        position.set(page.next());
                        behind.set(page.events().size() == STREAM_BATCH);
                        return page.events();
                    });
        });
    }

    private static Uni<Void> pause(Duration duration) {
        return duration.isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(duration);
    }

    public SupervisionConfig.Events settings() {
        return settings;
    }
}
