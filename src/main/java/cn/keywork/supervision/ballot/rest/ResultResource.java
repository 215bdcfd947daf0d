package cn.keywork.supervision.ballot.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.EvaluationResultsApi;
import cn.keywork.supervision.ballot.service.ResultService;
import io.smallrye.mutiny.Uni;

/** A round's results and their verification over HTTP. */
public class ResultResource implements EvaluationResultsApi {

    private final ResultService results;
    private final BallotMapper mapper;

    ResultResource(ResultService results, BallotMapper mapper) {
        this.results = results;
        this.mapper = mapper;
    }

    @Override
    public Uni<Response> getRoundResults(UUID roundId) {
        return results.results(roundId).map(found -> Response.ok(mapper.results(found)).build());
    }

    @Override
    public Uni<Response> verifyRoundResults(UUID roundId) {
        return results.verify(roundId).map(verification -> Response.ok(mapper.verification(verification)).build());
    }
}
