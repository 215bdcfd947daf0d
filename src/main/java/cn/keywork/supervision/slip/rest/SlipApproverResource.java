package cn.keywork.supervision.slip.rest;

import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.SlipApproversApi;
import cn.keywork.supervision.api.model.SlipApproverInputDto;
import cn.keywork.supervision.api.model.SlipApproverListDto;
import cn.keywork.supervision.slip.service.SlipApprovers;
import io.smallrye.mutiny.Uni;

/** The leaders given the right to approve supervision orders, over HTTP: maps the contract to the service. */
public class SlipApproverResource implements SlipApproversApi {

    private final SlipApprovers approvers;
    private final SlipMapper mapper;

    SlipApproverResource(SlipApprovers approvers, SlipMapper mapper) {
        this.approvers = approvers;
        this.mapper = mapper;
    }

    @Override
    public Uni<Response> listSlipApprovers() {
        return approvers.list().map(found -> Response.ok(new SlipApproverListDto(found.stream().map(mapper::approver)
                .toList())).build());
    }

    @Override
    public Uni<Response> grantSlipApprover(UUID userId, SlipApproverInputDto input) {
        return approvers.grant(userId, input.getNote()).map(granted -> Response
                .status(granted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(mapper.approver(granted.approver())).build());
    }

    @Override
    public Uni<Response> revokeSlipApprover(UUID userId) {
        return approvers.revoke(userId).map(done -> Response.noContent().build());
    }
}
