package cn.keywork.supervision.ballot.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.ballot.domain.Ballot;
import cn.keywork.supervision.ballot.domain.BallotContent;
import cn.keywork.supervision.ballot.domain.BallotInput;
import cn.keywork.supervision.ballot.domain.BallotRules;
import cn.keywork.supervision.ballot.domain.RoundFacts;
import cn.keywork.supervision.ballot.repository.BallotRepository;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.evaluation.domain.RoundPolicy;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Secret ballots (R14): an evaluator casts, replaces and reads back their own ballots on the
 * subjects of their panels while the round is SCORING. Nothing here answers anyone else's ballot;
 * the audit trail records that a ballot was cast on a subject, never what it says, and no domain
 * event is appended for a ballot.
 */
@ApplicationScoped
public class BallotService {

    static final String OBJECT_TYPE = "EvaluationRound";

    private final BallotRepository ballots;
    private final BallotSeal seal;
    private final AuditTrail audit;
    private final Clock clock;

    BallotService(BallotRepository ballots, BallotSeal seal, AuditTrail audit, Clock clock) {
        this.ballots = ballots;
        this.seal = seal;
        this.audit = audit;
        this.clock = clock;
    }

    /** A ballot and whether this request made it. */
    public record Outcome(Ballot ballot, boolean created) {
    }

    /** Casts the caller's ballot on a subject of their panel, or replaces the one they cast. */
    @WithTransaction
    public Uni<Outcome> cast(UUID roundId, BallotInput input) {
        return round(roundId, true).chain(round -> caller()
                .chain(evaluatorId -> ballots.onPanel(roundId, input.taskId(), evaluatorId).chain(onPanel -> {
                    if (!onPanel) {
                        throw new NotFound(DomainMessage.BALLOT_SUBJECT_NOT_FOUND, input.taskId());
                    }
                    RoundPolicy.requirePhase(round.status(), RoundStatus.SCORING);
                    return store(roundId, evaluatorId, input);
                })));
    }

    /** Replaces one of the caller's own ballots; another's answers 404 as an unknown one does. */
    @WithTransaction
    public Uni<Outcome> replace(UUID roundId, UUID ballotId, long expectedVersion, BallotInput input) {
        return round(roundId, true).chain(round -> caller()
                .chain(evaluatorId -> owned(roundId, ballotId, evaluatorId, true).chain(ballot -> {
                    RoundPolicy.requirePhase(round.status(), RoundStatus.SCORING);
                    ETags.check(expectedVersion, ballot.version(), "ballot");
                    UUID taskId = ballot.content().taskId();
                    if (input.taskId() != null && !input.taskId().equals(taskId)) {
                        throw InvalidInput.of("taskId", InvalidInput.Reason.RULE, DomainMessage.BALLOT_TASK_FIXED, taskId);
                    }
                    return store(roundId, evaluatorId,
                            new BallotInput(taskId, input.scores(), input.satisfaction(), input.comment()));
                })));
    }

    private Uni<Outcome> store(UUID roundId, UUID evaluatorId, BallotInput input) {
        Instant now = clock.instant();
        return ballots.criteria(roundId).chain(criteria -> {
            Map<String, BigDecimal> scores = input.scores() == null ? Map.of() : input.scores();
            BallotRules.check(scores, criteria);
            String comment = input.comment() == null || input.comment().isBlank() ? null : input.comment().strip();
            BallotContent content = BallotContent.of(roundId, input.taskId(), evaluatorId, scores, input.satisfaction(), comment);
            return ballots.upsert(content, BallotRules.overall(content.scores(), criteria), seal.of(content), now)
                    .call(cast -> audit.record(AuditEntry.success(cast.created() ? "BALLOT_CAST" : "BALLOT_REPLACED",
                            OBJECT_TYPE, roundId, AuditChanges.created(Map.of("taskId", input.taskId().toString())))))
                    .chain(cast -> owned(roundId, cast.id(), evaluatorId, false).map(ballot -> new Outcome(ballot, cast.created())));
        });
    }

    /** The caller's own ballots of the round. */
    @WithSession
    public Uni<List<Ballot>> mine(UUID roundId) {
        return round(roundId, false).chain(() -> caller()).chain(evaluatorId -> ballots.own(roundId, evaluatorId));
    }

    /** One of the caller's own ballots. */
    @WithSession
    public Uni<Ballot> mine(UUID roundId, UUID ballotId) {
        return round(roundId, false).chain(() -> caller()).chain(evaluatorId -> owned(roundId, ballotId, evaluatorId, false));
    }

    private Uni<RoundFacts> round(UUID roundId, boolean share) {
        return ballots.round(roundId, share).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ROUND_NOT_FOUND, roundId));
    }

    /** The caller's evaluator id; an account that is no evaluator's has no ballot anywhere (a random id finds none). */
    private Uni<UUID> caller() {
        return ballots.evaluatorOf(RequestScope.actor().userId()).map(id -> id == null ? new UUID(0, 0) : id);
    }

    private Uni<Ballot> owned(UUID roundId, UUID ballotId, UUID evaluatorId, boolean lock) {
        return ballots.own(roundId, ballotId, evaluatorId, lock).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.BALLOT_NOT_FOUND, ballotId));
    }
}
