package cn.keywork.supervision.points.rest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.PointsApi;
import cn.keywork.supervision.api.model.AssessmentRuleDto;
import cn.keywork.supervision.api.model.PointEntryBasisDto;
import cn.keywork.supervision.api.model.PointEntryDecisionDto;
import cn.keywork.supervision.api.model.PointEntryDto;
import cn.keywork.supervision.api.model.PointEntryPageDto;
import cn.keywork.supervision.api.model.PointEntryProposalDto;
import cn.keywork.supervision.api.model.PointEntryStatusDto;
import cn.keywork.supervision.api.model.PointSourceDto;
import cn.keywork.supervision.api.model.ReEvaluationDto;
import cn.keywork.supervision.api.model.ReEvaluationInputDto;
import cn.keywork.supervision.api.model.RuleBookDto;
import cn.keywork.supervision.api.model.RuleBookInputDto;
import cn.keywork.supervision.api.model.RuleBookYearDto;
import cn.keywork.supervision.api.model.RuleBookYearListDto;
import cn.keywork.supervision.points.domain.RuleInput;
import cn.keywork.supervision.points.service.PointEntries;
import cn.keywork.supervision.points.service.ReEvaluations;
import cn.keywork.supervision.points.service.RuleBooks;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Rule books and point entries over HTTP (R16): maps the contract to the services' JSON. */
public class PointsResource implements PointsApi {

    private static final String ENTRIES = "/api/v1/assessment/entries/";
    private static final Set<String> NO_SORT = Set.of("createdAt");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final PointEntries entries;
    private final RuleBooks books;
    private final ReEvaluations reEvaluations;
    private final Idempotency idempotency;
    private final ObjectMapper json;

    PointsResource(PointEntries entries, RuleBooks books, ReEvaluations reEvaluations, Idempotency idempotency,
            ObjectMapper json) {
        this.entries = entries;
        this.books = books;
        this.reEvaluations = reEvaluations;
        this.idempotency = idempotency;
        this.json = json;
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON does not fit " + type.getSimpleName(), e);
        }
    }

    @Override
    public Uni<Response> listRuleBooks() {
        return books.years().map(text -> Response.ok(read(text, RuleBookYearListDto.class)).build());
    }

    @Override
    public Uni<Response> getRuleBook(Integer year, Integer version) {
        return books.year(year, version).map(found -> Response.ok(new RuleBookYearDto().year(found.year())
                .active(found.active() == null ? null : read(found.active(), RuleBookDto.class))
                .draft(found.draft() == null ? null : read(found.draft(), RuleBookDto.class))).build());
    }

    @Override
    public Uni<Response> putRuleBookDraft(Integer year, RuleBookInputDto input, String ifMatch) {
        List<RuleInput> rules = input.getRules() == null ? List.of() : input.getRules().stream().map(this::rule).toList();
        return books.writeDraft(year, ifMatch, input.getTitle(), input.getBaseScore(), input.getBonusCap(),
                input.getDeductionCap(), input.getObjectionDays(), rules).map(this::book);
    }

    private RuleInput rule(AssessmentRuleDto rule) {
        Map<String, Object> condition = rule.getCondition() == null ? Map.of() : json.convertValue(rule.getCondition(), MAP);
        return new RuleInput(rule.getCode(), rule.getDescription(), rule.getEventType().toString(), condition,
                rule.getPoints(), rule.getAppliesTo().toString(), rule.getCooperatingShare(), rule.getCapPerUnit());
    }

    @Override
    public Uni<Response> activateRuleBook(Integer year, String ifMatch) {
        long expected = ETags.required(ifMatch);
        return books.activate(year, expected).map(this::book);
    }

    private Response book(String text) {
        RuleBookDto dto = read(text, RuleBookDto.class);
        return Response.ok(dto).header("ETag", dto.getEtag()).build();
    }

    @Override
    public Uni<Response> listPointEntries(Integer year, UUID unitId, String ruleCode, PointSourceDto source,
            PointEntryStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "-createdAt");
        return entries.list(year, unitId, ruleCode, source == null ? null : source.toString(),
                status == null ? null : status.toString(), request.offset(), request.size())
                .map(found -> Response.ok(new PointEntryPageDto()
                        .items(found.items().stream().map(text -> read(text, PointEntryDto.class)).toList())
                        .page(request.page()).size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> proposePointEntry(PointEntryProposalDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "proposePointEntry", input,
                () -> entries.propose(input.getUnitId(), input.getPoints(), input.getReason(), input.getAttachmentIds())
                        .map(text -> {
                            PointEntryDto dto = read(text, PointEntryDto.class);
                            return idempotency.answer(201, dto, ENTRIES + dto.getId(), null);
                        }));
    }

    @Override
    public Uni<Response> getPointEntry(UUID entryId) {
        return entries.get(entryId).map(text -> Response.ok(read(text, PointEntryDto.class)).build());
    }

    @Override
    public Uni<Response> getPointEntryBasis(UUID entryId) {
        return entries.basis(entryId).map(text -> Response.ok(read(text, PointEntryBasisDto.class)).build());
    }

    @Override
    public Uni<Response> decidePointEntry(UUID entryId, PointEntryDecisionDto input) {
        return entries.decide(entryId, Boolean.TRUE.equals(input.getApprove()), input.getReason())
                .map(text -> Response.ok(read(text, PointEntryDto.class)).build());
    }

    @Override
    public Uni<Response> reEvaluatePoints(ReEvaluationInputDto input) {
        return reEvaluations.run(input.getYear(), Boolean.TRUE.equals(input.getDryRun()))
                .map(text -> Response.ok(read(text, ReEvaluationDto.class)).build());
    }
}
