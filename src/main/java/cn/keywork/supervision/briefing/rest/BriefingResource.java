package cn.keywork.supervision.briefing.rest;

import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.BriefingsApi;
import cn.keywork.supervision.api.model.BriefingEditDto;
import cn.keywork.supervision.api.model.BriefingInputDto;
import cn.keywork.supervision.api.model.BriefingStatusDto;
import cn.keywork.supervision.api.model.BriefingTransitionDto;
import cn.keywork.supervision.briefing.domain.BriefingAction;
import cn.keywork.supervision.briefing.domain.BriefingFilter;
import cn.keywork.supervision.briefing.domain.BriefingStatus;
import cn.keywork.supervision.briefing.domain.BriefingView;
import cn.keywork.supervision.briefing.service.BriefingService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Quarterly briefings over HTTP: maps the contract to the service. */
public class BriefingResource implements BriefingsApi {

    private static final String PATH = "/api/v1/briefings/";
    private static final Set<String> NO_SORT = Set.of("quarter");

    private final BriefingService briefings;
    private final BriefingMapper mapper;
    private final BriefingDocument document;
    private final Idempotency idempotency;

    BriefingResource(BriefingService briefings, BriefingMapper mapper, BriefingDocument document, Idempotency idempotency) {
        this.briefings = briefings;
        this.mapper = mapper;
        this.document = document;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> listBriefings(Integer year, BriefingStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "-quarter");
        BriefingFilter filter = new BriefingFilter(year, status == null ? null : BriefingStatus.valueOf(status.toString()));
        return briefings.list(filter, request).map(found -> Response.ok(mapper.page(found)).build());
    }

    @Override
    public Uni<Response> createBriefing(BriefingInputDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createBriefing", input,
                () -> briefings.draft(input.getQuarter()).map(view -> idempotency.answer(201, mapper.dto(view),
                        PATH + view.row().id(), ETags.of(view.row().version()))));
    }

    @Override
    public Uni<Response> getBriefing(UUID briefingId) {
        return briefings.get(briefingId).map(this::briefing);
    }

    @Override
    public Uni<Response> updateBriefing(UUID briefingId, String ifMatch, BriefingEditDto input) {
        long expected = ETags.required(ifMatch);
        return briefings.edit(briefingId, expected, mapper.edit(input)).map(this::briefing);
    }

    @Override
    public Uni<Response> transitionBriefing(UUID briefingId, String ifMatch, BriefingTransitionDto input) {
        long expected = ETags.required(ifMatch);
        return briefings.transition(briefingId, expected, BriefingAction.valueOf(input.getAction().toString()))
                .map(this::briefing);
    }

    @Override
    public Uni<Response> getBriefingDocument(UUID briefingId) {
        return briefings.get(briefingId)
                .map(view -> Response.ok(document.html(view), "text/html;charset=UTF-8").build());
    }

    private Response briefing(BriefingView view) {
        return Response.ok(mapper.dto(view)).tag(Long.toString(view.row().version())).build();
    }
}
