package cn.keywork.supervision.slip.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.SlipsApi;
import cn.keywork.supervision.api.model.SlipInputDto;
import cn.keywork.supervision.api.model.SlipStatusDto;
import cn.keywork.supervision.api.model.SlipTransitionDto;
import cn.keywork.supervision.api.model.SlipTypeDto;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.slip.domain.SlipAction;
import cn.keywork.supervision.slip.domain.SlipFilter;
import cn.keywork.supervision.slip.domain.SlipStatus;
import cn.keywork.supervision.slip.domain.SlipType;
import cn.keywork.supervision.slip.domain.SlipView;
import cn.keywork.supervision.slip.service.SlipProposals;
import cn.keywork.supervision.slip.service.SlipService;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Slips over HTTP: maps the contract to the service. */
public class SlipResource implements SlipsApi {

    private static final String PATH = "/api/v1/slips/";
    private static final java.util.Set<String> NO_SORT = java.util.Set.of("createdAt");
    private static final java.util.Set<String> PROPOSAL_SORT = java.util.Set.of("code");

    private final SlipService slips;
    private final SlipProposals proposals;
    private final SlipMapper mapper;
    private final Idempotency idempotency;

    SlipResource(SlipService slips, SlipProposals proposals, SlipMapper mapper, Idempotency idempotency) {
        this.slips = slips;
        this.proposals = proposals;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> listSlips(SlipTypeDto type, SlipStatusDto status, Integer year, UUID taskId, UUID unitId,
            Boolean overdue, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "-createdAt");
        SlipFilter filter = new SlipFilter(type == null ? null : SlipType.valueOf(type.toString()),
                status == null ? null : SlipStatus.valueOf(status.toString()), year, taskId, unitId, overdue);
        return slips.list(filter, request).map(found -> Response.ok(mapper.page(found)).build());
    }

    @Override
    public Uni<Response> createSlip(SlipInputDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createSlip", input,
                () -> slips.create(mapper.draft(input)).map(view -> idempotency.answer(201, mapper.dto(view),
                        PATH + view.row().id(), ETags.of(view.row().version()))));
    }

    @Override
    public Uni<Response> getSlip(UUID slipId) {
        return slips.get(slipId).map(this::slip);
    }

    @Override
    public Uni<Response> updateSlip(UUID slipId, String ifMatch, SlipInputDto input) {
        long expected = ETags.required(ifMatch);
        return slips.update(slipId, expected, mapper.draft(input)).map(this::slip);
    }

    @Override
    public Uni<Response> transitionSlip(UUID slipId, String ifMatch, SlipTransitionDto input) {
        long expected = ETags.required(ifMatch);
        return slips.transition(slipId, expected, SlipAction.valueOf(input.getAction().toString()), input.getComment(),
                SlipMapper.outcome(input.getOutcome())).map(this::slip);
    }

    @Override
    public Uni<Response> listSlipProposals(String period, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, PROPOSAL_SORT, "code");
        return proposals.list(period, request).map(found -> Response.ok(mapper.proposals(period, found)).build());
    }

    @Override
    public Uni<Response> draftSlipProposals(String period, Boolean submitForApproval) {
        return proposals.draft(period, Boolean.TRUE.equals(submitForApproval))
                .map(drafts -> Response.ok(mapper.drafts(drafts)).build());
    }

    private Response slip(SlipView view) {
        return Response.ok(mapper.dto(view)).tag(Long.toString(view.row().version())).build();
    }
}
