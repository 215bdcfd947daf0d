package cn.keywork.supervision.ballot.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.ballot.repository.ResultRepository;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.service.RoundPhaseListener;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.security.RequestScope;
import io.smallrye.mutiny.Uni;

/**
 * The results' part of a round's moves, in the move's transaction: when scoring closes, the results
 * are computed from the ballots and the digest over their seals stamped on the round; when they are
 * published, an {@code evaluation.result_published} event is appended per subject.
 */
@ApplicationScoped
public class ResultsOnPhase implements RoundPhaseListener {

    private static final Logger LOG = Logger.getLogger(ResultsOnPhase.class);

    private final ResultRepository results;
    private final Clock clock;

    ResultsOnPhase(ResultRepository results, Clock clock) {
        this.results = results;
        this.clock = clock;
    }

    @Override
    public Uni<Void> onMove(UUID roundId, RoundStatus from, RoundStatus to) {
        if (from == RoundStatus.SCORING && to == RoundStatus.CLOSED) {
            return results.compute(roundId, clock.instant())
                    .invoke(digest -> LOG.infof("Computed the results of evaluation round %s (digest %s)", roundId, digest))
                    .replaceWithVoid();
        }
        if (from == RoundStatus.CLOSED && to == RoundStatus.PUBLISHED) {
            return results.publishEvents(roundId, EventTypes.EVALUATION_RESULT_PUBLISHED, RequestScope.actor().userId(),
                    clock.instant()).replaceWithVoid();
        }
        return Uni.createFrom().voidItem();
    }
}
