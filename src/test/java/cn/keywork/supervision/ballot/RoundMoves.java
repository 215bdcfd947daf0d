package cn.keywork.supervision.ballot;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import cn.keywork.supervision.evaluation.domain.RoundAction;
import cn.keywork.supervision.evaluation.domain.RoundPolicy;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.service.RoundPhaseListener;
import cn.keywork.supervision.support.EvaluationFixtures;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A round's move as the transitions operation makes it: the phase changed, then every
 * {@link RoundPhaseListener} called in one transaction. Until the rounds' API lands, tests move
 * rounds with this; afterwards {@link #move} becomes one {@code POST …/transitions}.
 */
@ApplicationScoped
public class RoundMoves {

    @Inject
    Pool database;

    @Inject
    @Any
    Instance<RoundPhaseListener> listeners;

    /** Moves the round by {@code action} (CLOSE, PUBLISH, …) and runs the listeners. */
    public void move(String roundId, String action) {
        String current = database.preparedQuery("SELECT status FROM evaluation_round WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(roundId))).await().indefinitely().iterator().next().getString(0);
        RoundStatus from = RoundStatus.valueOf(current);
        RoundStatus to = RoundPolicy.after(from, RoundAction.valueOf(action));
        new EvaluationFixtures(database).status(roundId, to.name());
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
                Uni<Void> chain = Uni.createFrom().voidItem();
                for (RoundPhaseListener listener : listeners) {
                    chain = chain.chain(() -> listener.onMove(UUID.fromString(roundId), from, to));
                }
                return chain;
            }));
        } catch (Throwable e) {
            throw new IllegalStateException("The move " + action + " of round " + roundId + " failed", e);
        }
    }
}
