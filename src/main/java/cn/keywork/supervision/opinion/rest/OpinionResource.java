package cn.keywork.supervision.opinion.rest;

import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.OpinionsApi;
import cn.keywork.supervision.api.model.OpinionModerationDto;
import cn.keywork.supervision.api.model.OpinionStatusDto;
import cn.keywork.supervision.opinion.domain.OpinionFilter;
import cn.keywork.supervision.opinion.domain.OpinionPolicy;
import cn.keywork.supervision.opinion.domain.OpinionStatus;
import cn.keywork.supervision.opinion.service.OpinionService;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Moderation of public opinions and a round's opinions over HTTP: maps the contract to the service. */
public class OpinionResource implements OpinionsApi {

    private static final Set<String> NO_SORT = Set.of("submittedAt");

    private final OpinionService opinions;
    private final OpinionMapper mapper;

    OpinionResource(OpinionService opinions, OpinionMapper mapper) {
        this.opinions = opinions;
        this.mapper = mapper;
    }

    @Override
    public Uni<Response> listOpinions(OpinionStatusDto status, UUID taskId, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "submittedAt");
        OpinionFilter filter = new OpinionFilter(status == null ? null : OpinionStatus.valueOf(status.toString()), taskId);
        return opinions.list(filter, request).map(found -> Response.ok(mapper.page(found)).build());
    }

    @Override
    public Uni<Response> moderateOpinion(UUID opinionId, OpinionModerationDto input) {
        return opinions.moderate(opinionId, OpinionPolicy.Decision.valueOf(input.getDecision().toString()), input.getReply(),
                input.getReason()).map(row -> Response.ok(mapper.dto(row)).tag(Long.toString(row.version())).build());
    }

    @Override
    public Uni<Response> listRoundOpinions(UUID roundId, UUID taskId) {
        return opinions.forRound(roundId, taskId).map(rows -> Response.ok(mapper.roundList(rows)).build());
    }
}
