package cn.keywork.supervision.evaluation.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.EvaluationRoundsApi;
import cn.keywork.supervision.api.model.EvaluationCriterionDto;
import cn.keywork.supervision.api.model.EvaluationHearingDto;
import cn.keywork.supervision.api.model.EvaluationHearingInputDto;
import cn.keywork.supervision.api.model.EvaluationHearingListDto;
import cn.keywork.supervision.api.model.EvaluationPanelDto;
import cn.keywork.supervision.api.model.EvaluationPanelListDto;
import cn.keywork.supervision.api.model.EvaluationReportDto;
import cn.keywork.supervision.api.model.EvaluationReportInputDto;
import cn.keywork.supervision.api.model.EvaluationReportListDto;
import cn.keywork.supervision.api.model.EvaluationRoundDto;
import cn.keywork.supervision.api.model.EvaluationRoundInputDto;
import cn.keywork.supervision.api.model.EvaluationRoundPageDto;
import cn.keywork.supervision.api.model.EvaluationRoundStatusDto;
import cn.keywork.supervision.api.model.EvaluationRoundTransitionDto;
import cn.keywork.supervision.api.model.EvaluationRoundUpdateDto;
import cn.keywork.supervision.api.model.EvaluationSubjectDto;
import cn.keywork.supervision.evaluation.domain.Criterion;
import cn.keywork.supervision.evaluation.domain.Hearing;
import cn.keywork.supervision.evaluation.domain.OpenReport;
import cn.keywork.supervision.evaluation.domain.Panel;
import cn.keywork.supervision.evaluation.domain.RoundAction;
import cn.keywork.supervision.evaluation.domain.RoundDraft;
import cn.keywork.supervision.evaluation.domain.RoundRow;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.domain.RoundView;
import cn.keywork.supervision.evaluation.service.RoundMaterial;
import cn.keywork.supervision.evaluation.service.RoundService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** The public-evaluation rounds over HTTP: maps the contract to the services. */
public class RoundResource implements EvaluationRoundsApi {

    private static final String PATH = "/api/v1/evaluation-rounds/";

    private final RoundService rounds;
    private final RoundMaterial material;
    private final Idempotency idempotency;
    private final Clock clock;

    RoundResource(RoundService rounds, RoundMaterial material, Idempotency idempotency, Clock clock) {
        this.rounds = rounds;
        this.material = material;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listEvaluationRounds(EvaluationRoundStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("period"), "-period");
        return rounds.list(status == null ? null : RoundStatus.valueOf(status.toString()), request)
                .map(found -> Response.ok(new EvaluationRoundPageDto().items(found.map(this::dto)).page(request.page())
                        .size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> createEvaluationRound(EvaluationRoundInputDto input, String idempotencyKey) {
        RoundDraft draft = new RoundDraft(input.getPeriod(), input.getTitle(), subjects(input.getSubjects()),
                criteria(input.getCriteria()), input.getMinPanel(), input.getQuorum(), input.getTrimAt(),
                instant(input.getReportingUntil()), instant(input.getInquiryUntil()), instant(input.getScoringUntil()));
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createEvaluationRound", input,
                () -> rounds.create(draft).map(view -> idempotency.answer(201, dto(view), PATH + view.row().id(),
                        ETags.of(view.row().version()))));
    }

    @Override
    public Uni<Response> getEvaluationRound(UUID roundId) {
        return rounds.get(roundId).map(this::round);
    }

    @Override
    public Uni<Response> updateEvaluationRound(UUID roundId, String ifMatch, EvaluationRoundUpdateDto input) {
        long expected = ETags.required(ifMatch);
        RoundDraft draft = new RoundDraft(null, input.getTitle(), subjects(input.getSubjects()),
                criteria(input.getCriteria()), input.getMinPanel(), input.getQuorum(), input.getTrimAt(),
                instant(input.getReportingUntil()), instant(input.getInquiryUntil()), instant(input.getScoringUntil()));
        return rounds.change(roundId, expected, draft).map(this::round);
    }

    @Override
    public Uni<Response> transitionEvaluationRound(UUID roundId, String ifMatch, EvaluationRoundTransitionDto input) {
        long expected = ETags.required(ifMatch);
        return rounds.move(roundId, RoundAction.valueOf(input.getAction().toString()), expected).map(this::round);
    }

    @Override
    public Uni<Response> listEvaluationPanels(UUID roundId) {
        return material.panels(roundId).map(found -> Response.ok(panels(found)).build());
    }

    @Override
    public Uni<Response> replaceEvaluationPanel(UUID roundId, EvaluationPanelDto input) {
        Panel panel = new Panel(input.getTaskId(), new ArrayList<>(input.getEvaluatorIds()));
        return material.replacePanel(roundId, panel).map(saved -> Response.ok(dto(saved)).build());
    }

    @Override
    public Uni<Response> proposeEvaluationPanels(UUID roundId) {
        return material.proposals(roundId).map(found -> Response.ok(panels(found)).build());
    }

    @Override
    public Uni<Response> listEvaluationReports(UUID roundId) {
        return material.reports(roundId).map(found -> Response.ok(new EvaluationReportListDto()
                .items(found.stream().map(this::dto).toList())).build());
    }

    @Override
    public Uni<Response> submitEvaluationReport(UUID roundId, UUID taskId, EvaluationReportInputDto input) {
        List<UUID> attachments = input.getAttachmentIds() == null ? List.of() : List.copyOf(input.getAttachmentIds());
        return material.submitReport(roundId, taskId, input.getText(), attachments)
                .map(report -> Response.ok(dto(report)).build());
    }

    @Override
    public Uni<Response> listEvaluationHearings(UUID roundId) {
        return material.hearings(roundId).map(found -> Response.ok(new EvaluationHearingListDto()
                .items(found.stream().map(this::dto).toList())).build());
    }

    @Override
    public Uni<Response> createEvaluationHearing(UUID roundId, EvaluationHearingInputDto input, String idempotencyKey) {
        Hearing draft = new Hearing(null, instant(input.getHeldAt()), input.getPlace(), input.getParticipants(),
                input.getNotes(), input.getTaskIds() == null ? List.of() : List.copyOf(input.getTaskIds()), null);
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createEvaluationHearing", input,
                () -> material.recordHearing(roundId, draft).map(hearing -> idempotency.answer(201, dto(hearing),
                        null, null)));
    }

    private static List<UUID> subjects(List<EvaluationSubjectDto> subjects) {
        return subjects == null ? null : subjects.stream().map(EvaluationSubjectDto::getTaskId).toList();
    }

    private static List<Criterion> criteria(List<EvaluationCriterionDto> criteria) {
        return criteria == null ? null
                : criteria.stream().map(c -> new Criterion(c.getCode(), c.getName(), c.getWeight())).toList();
    }

    /** 40.00 as 40, 0.667 as 0.667: no trailing zeros, never an exponent. */
    private static java.math.BigDecimal plain(java.math.BigDecimal value) {
        return new java.math.BigDecimal(value.stripTrailingZeros().toPlainString());
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }

    private Response round(RoundView view) {
        return Response.ok(dto(view)).tag(Long.toString(view.row().version())).build();
    }

    private EvaluationRoundDto dto(RoundView view) {
        RoundRow row = view.row();
        return new EvaluationRoundDto().id(row.id()).period(row.period()).title(row.title())
                .status(EvaluationRoundStatusDto.fromValue(row.status().name()))
                .subjects(view.subjects().stream().map(id -> new EvaluationSubjectDto().taskId(id)).toList())
                .criteria(view.criteria().stream().map(c -> new EvaluationCriterionDto().code(c.code()).name(c.name())
                        .weight(plain(c.weight()))).toList())
                .criteriaVersion(row.criteriaVersion()).criteriaFrozenAt(time(row.criteriaFrozenAt()))
                .minPanel(row.minPanel()).quorum(plain(row.quorum())).trimAt(row.trimAt())
                .reportingUntil(time(row.reportingUntil())).inquiryUntil(time(row.inquiryUntil()))
                .scoringUntil(time(row.scoringUntil())).closedAt(time(row.closedAt())).publishedAt(time(row.publishedAt()))
                .version(row.version()).createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    private static EvaluationPanelListDto panels(List<Panel> panels) {
        return new EvaluationPanelListDto().items(panels.stream().map(RoundResource::dto).toList());
    }

    private static EvaluationPanelDto dto(Panel panel) {
        return new EvaluationPanelDto().taskId(panel.taskId()).evaluatorIds(new java.util.LinkedHashSet<>(panel.evaluatorIds()));
    }

    private EvaluationReportDto dto(OpenReport report) {
        return new EvaluationReportDto().taskId(report.taskId()).unitId(report.unitId()).text(report.text())
                .attachmentIds(report.attachmentIds()).submittedAt(time(report.submittedAt()));
    }

    private EvaluationHearingDto dto(Hearing hearing) {
        return new EvaluationHearingDto().id(hearing.id()).heldAt(time(hearing.heldAt())).place(hearing.place())
                .participants(hearing.participants()).notes(hearing.notes()).taskIds(hearing.taskIds())
                .createdAt(time(hearing.createdAt()));
    }
}
