package cn.keywork.supervision.inquiry.rest;

import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.InquiriesApi;
import cn.keywork.supervision.api.model.InquiryAnswerInputDto;
import cn.keywork.supervision.api.model.InquiryInputDto;
import cn.keywork.supervision.api.model.InquiryStatusDto;
import cn.keywork.supervision.api.model.InquiryVerdictInputDto;
import cn.keywork.supervision.inquiry.domain.InquiryFilter;
import cn.keywork.supervision.inquiry.domain.InquiryRow;
import cn.keywork.supervision.inquiry.domain.InquiryStatus;
import cn.keywork.supervision.inquiry.service.InquiryService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Inquiries over HTTP: maps the contract to the service. */
public class InquiryResource implements InquiriesApi {

    private static final Set<String> NO_SORT = Set.of("askedAt");

    private final InquiryService inquiries;
    private final InquiryMapper mapper;
    private final Idempotency idempotency;

    InquiryResource(InquiryService inquiries, InquiryMapper mapper, Idempotency idempotency) {
        this.inquiries = inquiries;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> listInquiries(UUID roundId, UUID taskId, InquiryStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "askedAt");
        InquiryFilter filter = new InquiryFilter(taskId, status == null ? null : InquiryStatus.valueOf(status.toString()));
        return inquiries.list(roundId, filter, request)
                .map(found -> Response.ok(mapper.page(found, inquiries.now())).build());
    }

    @Override
    public Uni<Response> createInquiry(UUID roundId, InquiryInputDto input, String idempotencyKey) {
        // the round is part of what the key names: the same question to another round is another request
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createInquiry " + roundId, input,
                () -> inquiries.ask(roundId, input.getTaskId(), input.getUnitId(), input.getQuestion(),
                        !Boolean.FALSE.equals(input.getPublic()))
                        .map(row -> idempotency.answer(201, mapper.dto(row, inquiries.now()),
                                "/api/v1/evaluation-rounds/" + roundId + "/inquiries/" + row.id(), ETags.of(row.version()))));
    }

    @Override
    public Uni<Response> getInquiry(UUID roundId, UUID inquiryId) {
        return inquiries.get(roundId, inquiryId).map(this::inquiry);
    }

    @Override
    public Uni<Response> answerInquiry(UUID roundId, UUID inquiryId, InquiryAnswerInputDto input) {
        return inquiries.answer(roundId, inquiryId, input.getAnswer()).map(this::inquiry);
    }

    @Override
    public Uni<Response> judgeInquiry(UUID roundId, UUID inquiryId, InquiryVerdictInputDto input) {
        return inquiries.judge(roundId, inquiryId, input.getSatisfactory()).map(this::inquiry);
    }

    private Response inquiry(InquiryRow row) {
        return Response.ok(mapper.dto(row, inquiries.now())).tag(Long.toString(row.version())).build();
    }
}
