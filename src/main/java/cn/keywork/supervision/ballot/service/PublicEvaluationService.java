package cn.keywork.supervision.ballot.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.ballot.domain.PublicEvaluation;
import cn.keywork.supervision.ballot.repository.ResultRepository;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** The published evaluation results for everyone (R14, R15): public fields only. */
@ApplicationScoped
public class PublicEvaluationService {

    private final ResultRepository results;

    PublicEvaluationService(ResultRepository results) {
        this.results = results;
    }

    @WithSession
    public Uni<List<PublicEvaluation.Summary>> published() {
        return results.published();
    }

    /** The published round of the quarter with its subjects and public inquiries; 404 when none is published. */
    @WithSession
    public Uni<PublicEvaluation> published(String period) {
        return results.published(period)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.PUBLIC_EVALUATION_NOT_FOUND, period))
                .chain(round -> results.publicSubjects(round.id()).map(subjects -> new PublicEvaluation(round.period(),
                        round.title(), round.publishedAt(), round.resultsDigest(), subjects)));
    }
}
