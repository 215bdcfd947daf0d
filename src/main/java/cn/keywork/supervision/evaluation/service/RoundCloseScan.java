package cn.keywork.supervision.evaluation.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Closes the rounds whose scoring deadline has passed (R14): every
 * {@code supervision.evaluation.scan-every}, when {@code supervision.evaluation.close-after-scoring},
 * each round in SCORING past its {@code scoringUntil} is moved with CLOSE by the same transition
 * as the office's, its listeners included, as the service itself; one transaction per round, so a
 * round that refuses to close leaves the others closed.
 */
@ApplicationScoped
public class RoundCloseScan {

    private static final Logger LOG = Logger.getLogger(RoundCloseScan.class);

    private final RoundService rounds;
    private final boolean enabled;

    RoundCloseScan(RoundService rounds, SupervisionConfig config) {
        this.rounds = rounds;
        this.enabled = config.evaluation().closeAfterScoring();
    }

    @Scheduled(every = "{supervision.evaluation.scan-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scan().replaceWithVoid();
    }

    /** Closes the rounds due; answers how many it closed. */
    public Uni<Integer> scan() {
        if (!enabled) {
            return Uni.createFrom().item(0);
        }
        return rounds.scoringDue().chain(this::closeEach);
    }

    private Uni<Integer> closeEach(List<UUID> due) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (UUID id : due) {
            chain = chain.chain(closed -> rounds.closeIfDue(id)
                    .onFailure().recoverWithItem(failure -> {
                        LOG.warnf("Evaluation round %s could not be closed after scoring: %s", id, failure.getMessage());
                        return false;
                    })
                    .map(done -> closed + (done ? 1 : 0)));
        }
        return chain.invoke(closed -> {
            if (closed > 0) {
                LOG.infof("Evaluation rounds closed after scoring: %d", closed);
            }
        });
    }
}
