package cn.keywork.supervision.assessment.rest;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.AssessmentApi;
import cn.keywork.supervision.api.model.AssessmentExportFormatDto;
import cn.keywork.supervision.api.model.AssessmentRulePointsDto;
import cn.keywork.supervision.api.model.AssessmentSnapshotChangeDto;
import cn.keywork.supervision.api.model.AssessmentSnapshotChangeListDto;
import cn.keywork.supervision.api.model.AssessmentSourcePointsDto;
import cn.keywork.supervision.api.model.AssessmentSummaryDto;
import cn.keywork.supervision.api.model.AssessmentSummaryItemDto;
import cn.keywork.supervision.api.model.AssessmentSummaryStatusDto;
import cn.keywork.supervision.api.model.ObjectionDecisionInputDto;
import cn.keywork.supervision.api.model.ObjectionDto;
import cn.keywork.supervision.api.model.ObjectionInputDto;
import cn.keywork.supervision.api.model.ObjectionPageDto;
import cn.keywork.supervision.api.model.ObjectionStatusDto;
import cn.keywork.supervision.assessment.domain.ObjectionFilter;
import cn.keywork.supervision.assessment.domain.ObjectionRow;
import cn.keywork.supervision.assessment.domain.ObjectionStatus;
import cn.keywork.supervision.assessment.domain.Summary;
import cn.keywork.supervision.assessment.domain.SummaryRow;
import cn.keywork.supervision.assessment.service.AssessmentExport;
import cn.keywork.supervision.assessment.service.ObjectionService;
import cn.keywork.supervision.assessment.service.SummaryService;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Objections, the annual assessment and its exports over HTTP: maps the contract to the services. */
public class AssessmentResource implements AssessmentApi {

    private static final String OBJECTIONS = "/api/v1/assessment/objections/";

    private final ObjectionService objections;
    private final SummaryService summaries;
    private final AssessmentExport export;
    private final ObjectMapper json;
    private final Clock clock;
    private final CurrentVertxRequest request;

    AssessmentResource(ObjectionService objections, SummaryService summaries, AssessmentExport export, ObjectMapper json,
            Clock clock, CurrentVertxRequest request) {
        this.request = request;
        this.objections = objections;
        this.summaries = summaries;
        this.export = export;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listObjections(Integer year, UUID unitId, ObjectionStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, Set.of("filedAt"), "-filedAt");
        ObjectionFilter filter = new ObjectionFilter(year, unitId,
                status == null ? null : ObjectionStatus.valueOf(status.toString()));
        return objections.list(filter, request).map(found -> Response.ok(new ObjectionPageDto().items(found.map(this::dto))
                .page(request.page()).size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> fileObjection(ObjectionInputDto input) {
        List<UUID> attachments = input.getAttachmentIds() == null ? List.of() : List.copyOf(input.getAttachmentIds());
        return objections.file(input.getEntryId(), input.getReason(), attachments)
                .map(row -> Response.status(201).entity(dto(row)).location(URI.create(OBJECTIONS + row.id())).build());
    }

    @Override
    public Uni<Response> getObjection(UUID objectionId) {
        return objections.get(objectionId).map(row -> Response.ok(dto(row)).build());
    }

    @Override
    public Uni<Response> decideObjection(UUID objectionId, ObjectionDecisionInputDto input) {
        return objections.decide(objectionId, Boolean.TRUE.equals(input.getUphold()), input.getReason())
                .map(row -> Response.ok(dto(row)).build());
    }

    @Override
    public Uni<Response> getAssessmentSummary(Integer year) {
        return summaries.get(year).map(summary -> Response.ok(dto(summary)).build());
    }

    @Override
    public Uni<Response> freezeAssessmentSummary(Integer year) {
        return summaries.freeze(year).map(summary -> Response.ok(dto(summary)).build());
    }

    @Override
    public Uni<Response> listAssessmentSnapshotChanges(Integer year) {
        return summaries.changes(year).map(changes -> Response.ok(new AssessmentSnapshotChangeListDto()
                .items(changes.stream().map(change -> new AssessmentSnapshotChangeDto().id(change.id()).year(change.year())
                        .unitId(change.unitId()).objectionId(change.objectionId())
                        .before(item(change.beforeJson())).after(item(change.afterJson()))
                        .changedAt(time(change.changedAt()))).toList())).build());
    }

    @Override
    public Uni<Response> exportAssessmentSummary(Integer year, AssessmentExportFormatDto format) {
        AssessmentExport.Format as = format == null ? AssessmentExport.Format.CSV
                : AssessmentExport.Format.valueOf(format.toString().toUpperCase(java.util.Locale.ROOT));
        Optional<UUID> scope = RequestScope.actor().unitScope();
        String disposition = AssessmentExport.contentDisposition(year, as);
        if (as == AssessmentExport.Format.JSON) {
            return summaries.get(year).map(summary -> Response.ok(dto(summary), as.mediaType)
                    .header("Content-Disposition", disposition).build());
        }
        RoutingContext exchange = request.getCurrent();
        return summaries.get(year)
                .chain(summary -> Offload.work(() -> export.toFile(summary, as, scope)))
                .map(file -> {
                    exchange.addEndHandler(ended -> AssessmentExport.remove(file));
                    return Response.ok(file.toFile(), as.mediaType).header("Content-Disposition", disposition).build();
                });
    }

    private AssessmentSummaryDto dto(Summary summary) {
        AssessmentSummaryDto dto = new AssessmentSummaryDto().year(summary.year())
                .status(summary.frozen() ? AssessmentSummaryStatusDto.FROZEN : AssessmentSummaryStatusDto.PROVISIONAL)
                .frozenAt(time(summary.frozenAt())).ruleBookVersion(summary.ruleBookVersion())
                .items(summary.rows().stream().map(this::dto).toList());
        if (summary.frozen()) {
            dto.pendingAfterFreeze(summary.pendingAfterFreeze());
        }
        return dto;
    }

    private AssessmentSummaryItemDto dto(SummaryRow row) {
        return new AssessmentSummaryItemDto().unitId(row.unitId()).unitCode(row.unitCode()).unitName(row.unitName())
                .unitType(row.unitType()).base(row.base()).bonus(row.bonus()).deduction(row.deduction()).total(row.total())
                .rank(row.rank()).byRule(read(row.byRuleJson(), new TypeReference<List<AssessmentRulePointsDto>>() {
                }))
                .bySource(read(row.bySourceJson(), AssessmentSourcePointsDto.class))
                .pendingAfterFreeze(row.pendingAfterFreeze());
    }

    private ObjectionDto dto(ObjectionRow row) {
        return new ObjectionDto().id(row.id()).entryId(row.entryId()).unitId(row.unitId()).year(row.year())
                .points(row.points()).ruleCode(row.ruleCode()).reason(row.reason()).attachmentIds(row.attachmentIds())
                .status(ObjectionStatusDto.fromValue(row.status().name())).decisionReason(row.decisionReason())
                .decidedAt(time(row.decidedAt())).reversalEntryId(row.reversalEntryId()).filedAt(time(row.filedAt()));
    }

    /** A snapshot row kept as JSON (see SummaryRepository#snapshotItem) as the summary's item. */
    private AssessmentSummaryItemDto item(String text) {
        JsonNode node = tree(text);
        return new AssessmentSummaryItemDto().unitId(UUID.fromString(node.get("unitId").asText()))
                .unitCode(node.get("unitCode").asText()).unitName(node.get("unitName").asText())
                .unitType(node.get("unitType").asText()).base(node.get("base").decimalValue())
                .bonus(node.get("bonus").decimalValue()).deduction(node.get("deduction").decimalValue())
                .total(node.get("total").decimalValue()).rank(node.get("rank").asInt())
                .byRule(read(node.get("byRule").toString(), new TypeReference<List<AssessmentRulePointsDto>>() {
                })).bySource(read(node.get("bySource").toString(), AssessmentSourcePointsDto.class));
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("A stored summary row is not JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("A stored summary figure is not JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new IllegalStateException("A stored summary figure is not JSON", e);
        }
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
