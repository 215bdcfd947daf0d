package cn.keywork.supervision.ballot.rest;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.PublicEvaluationsApi;
import cn.keywork.supervision.ballot.service.PublicEvaluationService;
import cn.keywork.supervision.publication.rest.PublicAnswers;
import io.smallrye.mutiny.Uni;

/** The published evaluation results for everyone (R14, R15): public fields only, cached and tagged as the other public answers. */
public class PublicEvaluationResource implements PublicEvaluationsApi {

    private final PublicEvaluationService evaluations;
    private final BallotMapper mapper;
    private final PublicAnswers answers;

    PublicEvaluationResource(PublicEvaluationService evaluations, BallotMapper mapper, PublicAnswers answers) {
        this.evaluations = evaluations;
        this.mapper = mapper;
        this.answers = answers;
    }

    @Override
    public Uni<Response> listPublicEvaluations(String ifNoneMatch) {
        return evaluations.published().map(rounds -> answers.json(mapper.publicList(rounds), ifNoneMatch));
    }

    @Override
    public Uni<Response> getPublicEvaluation(String period, String ifNoneMatch) {
        return evaluations.published(period).map(evaluation -> answers.json(mapper.publicEvaluation(evaluation), ifNoneMatch));
    }
}
