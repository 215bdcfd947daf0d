package cn.keywork.supervision.ballot.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.ballot.domain.Ballot;
import cn.keywork.supervision.ballot.domain.BallotRules;
import cn.keywork.supervision.ballot.domain.Criterion;
import cn.keywork.supervision.ballot.domain.RoundFacts;
import cn.keywork.supervision.ballot.domain.SubjectResult;
import cn.keywork.supervision.ballot.domain.Verification;
import cn.keywork.supervision.ballot.repository.BallotRepository;
import cn.keywork.supervision.ballot.repository.ResultRepository;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * A round's results (R14), read once scoring has closed, and their verification: every seal (and
 * every ballot's overall score), every result and the digest recomputed from the stored ballots. No
 * answer names an evaluator.
 */
@ApplicationScoped
public class ResultService {

    private final BallotRepository ballots;
    private final ResultRepository results;
    private final BallotSeal seal;
    private final AuditTrail audit;

    ResultService(BallotRepository ballots, ResultRepository results, BallotSeal seal, AuditTrail audit) {
        this.ballots = ballots;
        this.results = results;
        this.seal = seal;
        this.audit = audit;
    }

    /** The round and its results: all for the city-wide roles and the auditor, a unit's own subjects for a unit. */
    public record Results(RoundFacts round, List<SubjectResult> items) {
    }

    @WithSession
    public Uni<Results> results(UUID roundId) {
        Actor actor = RequestScope.actor();
        boolean all = actor.isSystem() || actor.has(Role.AUDITOR) || actor.unitScope().isEmpty();
        UUID unit = all ? null : actor.unitScope().get();
        return closedRound(roundId).chain(round -> results.results(roundId, unit).map(items -> new Results(round, items)));
    }

    /** Recomputes every seal, every result and the digest; records the check in the audit trail. */
    @WithTransaction
    public Uni<Verification> verify(UUID roundId) {
        return closedRound(roundId).chain(round -> ballots.criteria(roundId).chain(criteria -> ballots.all(roundId).chain(stored -> {
            List<Verification.Finding> findings = new ArrayList<>();
            Set<UUID> broken = new LinkedHashSet<>();
            for (Ballot ballot : stored) {
                if (!seal.matches(ballot.content(), ballot.seal()) || !overallFollows(ballot, criteria)) {
                    broken.add(ballot.content().taskId());
                }
            }
            broken.stream().sorted().forEach(task -> findings.add(new Verification.Finding(Verification.Kind.SEAL_MISMATCH, task)));
            return results.differing(roundId).chain(differing -> {
                differing.forEach(task -> findings.add(new Verification.Finding(Verification.Kind.RESULT_MISMATCH, task)));
                return results.digest(roundId);
            }).map(digest -> {
                if (!digest.equals(round.resultsDigest())) {
                    findings.add(new Verification.Finding(Verification.Kind.DIGEST_MISMATCH, null));
                }
                return new Verification(findings.isEmpty(), stored.size(), digest, List.copyOf(findings));
            });
        }))).call(verification -> audit.record(new AuditEntry("EVALUATION_RESULTS_VERIFIED", BallotService.OBJECT_TYPE,
                roundId.toString(), AuditEntry.Outcome.SUCCESS, null, (verification.verified() ? "Verified" : "Not verified")
                        + ": " + verification.ballots() + " ballots, " + verification.findings().size() + " findings"
                        + (verification.findings().isEmpty() ? "" : " " + verification.findings().stream()
                                .map(finding -> finding.kind() + (finding.taskId() == null ? "" : " " + finding.taskId()))
                                .distinct().limit(5).toList()))));
    }

    /** Whether the stored overall score is the one its scores weigh to (a row changed in it alone has a good seal). */
    private static boolean overallFollows(Ballot ballot, List<Criterion> criteria) {
        try {
            return BallotRules.overall(ballot.content().scores(), criteria).compareTo(ballot.overall()) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Uni<RoundFacts> closedRound(UUID roundId) {
        return ballots.round(roundId, false).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ROUND_NOT_FOUND, roundId))
                .invoke(round -> {
                    if (!round.hasResults()) {
                        throw new RuleViolation(DomainMessage.ROUND_PHASE_REQUIRED, RoundStatus.CLOSED.name(), round.status().name());
                    }
                });
    }
}
