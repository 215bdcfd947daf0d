package cn.keywork.supervision.ballot.rest;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.EvaluationBallotsApi;
import cn.keywork.supervision.api.model.BallotInputDto;
import cn.keywork.supervision.ballot.domain.Ballot;
import cn.keywork.supervision.ballot.service.BallotService;
import cn.keywork.supervision.web.ETags;
import io.smallrye.mutiny.Uni;

/** An evaluator's own secret ballots over HTTP: maps the contract to the service. */
public class BallotResource implements EvaluationBallotsApi {

    private final BallotService ballots;
    private final BallotMapper mapper;

    BallotResource(BallotService ballots, BallotMapper mapper) {
        this.ballots = ballots;
        this.mapper = mapper;
    }

    @Override
    public Uni<Response> listMyBallots(UUID roundId) {
        return ballots.mine(roundId).map(found -> Response.ok(mapper.ballots(found)).build());
    }

    @Override
    public Uni<Response> castBallot(UUID roundId, BallotInputDto input) {
        return ballots.cast(roundId, mapper.input(input)).map(outcome -> {
            Ballot ballot = outcome.ballot();
            Response.ResponseBuilder answer = outcome.created()
                    ? Response.status(201).location(URI.create("/api/v1/evaluation-rounds/" + roundId + "/ballots/" + ballot.id()))
                    : Response.ok();
            return answer.entity(mapper.ballot(ballot)).tag(Long.toString(ballot.version())).build();
        });
    }

    @Override
    public Uni<Response> getMyBallot(UUID roundId, UUID ballotId) {
        return ballots.mine(roundId, ballotId).map(this::ballot);
    }

    @Override
    public Uni<Response> replaceMyBallot(UUID roundId, UUID ballotId, String ifMatch, BallotInputDto input) {
        long expected = ETags.required(ifMatch);
        return ballots.replace(roundId, ballotId, expected, mapper.input(input)).map(outcome -> ballot(outcome.ballot()));
    }

    private Response ballot(Ballot ballot) {
        return Response.ok(mapper.ballot(ballot)).tag(Long.toString(ballot.version())).build();
    }
}
