package cn.keywork.supervision.evaluator.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.EvaluatorsApi;
import cn.keywork.supervision.api.model.EvaluatorDto;
import cn.keywork.supervision.api.model.EvaluatorInputDto;
import cn.keywork.supervision.api.model.EvaluatorKindDto;
import cn.keywork.supervision.api.model.EvaluatorPageDto;
import cn.keywork.supervision.api.model.EvaluatorUpdateDto;
import cn.keywork.supervision.api.model.TaskCategoryDto;
import cn.keywork.supervision.evaluation.domain.EvaluatorKind;
import cn.keywork.supervision.evaluator.domain.EvaluatorDraft;
import cn.keywork.supervision.evaluator.domain.EvaluatorFilter;
import cn.keywork.supervision.evaluator.domain.EvaluatorRow;
import cn.keywork.supervision.evaluator.service.EvaluatorService;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.security.PasswordHasher;
import cn.keywork.supervision.security.PasswordPolicy;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** The evaluator corps over HTTP. The initial password is checked and hashed before any transaction starts. */
public class EvaluatorResource implements EvaluatorsApi {

    private static final String PATH = "/api/v1/evaluators/";

    private final EvaluatorService evaluators;
    private final PasswordHasher hasher;
    private final Idempotency idempotency;
    private final Clock clock;

    EvaluatorResource(EvaluatorService evaluators, PasswordHasher hasher, Idempotency idempotency, Clock clock) {
        this.evaluators = evaluators;
        this.hasher = hasher;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listEvaluators(EvaluatorKindDto kind, Boolean active, String q, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("name"), "name");
        EvaluatorFilter filter = new EvaluatorFilter(kind == null ? null : EvaluatorKind.valueOf(kind.toString()), active, q);
        return evaluators.list(filter, request).map(found -> Response.ok(new EvaluatorPageDto().items(found.map(this::dto))
                .page(request.page()).size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> createEvaluator(EvaluatorInputDto input, String idempotencyKey) {
        PasswordPolicy.check(input.getInitialPassword(), input.getUsername(), "initialPassword");
        EvaluatorDraft draft = new EvaluatorDraft(EvaluatorKind.valueOf(input.getKind().toString()), input.getName(),
                input.getAffiliation(), input.getAffiliationUnitId(), expertise(input.getExpertise()), input.getTermFrom(),
                input.getTermTo(), input.getAppointmentDocument(), input.getMobile(), input.getEmail(),
                input.getNamePublic(), true);
        // The replay check compares everything but the password, which is never stored in clear.
        String password = input.getInitialPassword();
        input.setInitialPassword("");
        return Offload.work(() -> hasher.hash(password))
                .chain(hash -> idempotency.run(RequestScope.actor().username(), idempotencyKey, "createEvaluator", input,
                        () -> evaluators.appoint(draft, input.getUsername(), hash).map(row -> idempotency.answer(201,
                                dto(row), PATH + row.id(), ETags.of(row.version())))));
    }

    @Override
    public Uni<Response> getEvaluator(UUID evaluatorId) {
        return evaluators.get(evaluatorId).map(this::evaluator);
    }

    @Override
    public Uni<Response> getMyEvaluator() {
        return evaluators.mine().map(row -> Response.ok(dto(row)).build());
    }

    @Override
    public Uni<Response> updateEvaluator(UUID evaluatorId, String ifMatch, EvaluatorUpdateDto input) {
        long expected = ETags.required(ifMatch);
        EvaluatorDraft draft = new EvaluatorDraft(input.getKind() == null ? null : EvaluatorKind.valueOf(input.getKind().toString()),
                input.getName(), input.getAffiliation(), input.getAffiliationUnitId(), expertise(input.getExpertise()),
                input.getTermFrom(), input.getTermTo(), input.getAppointmentDocument(), input.getMobile(), input.getEmail(),
                input.getNamePublic(), input.getActive());
        return evaluators.change(evaluatorId, expected, draft).map(this::evaluator);
    }

    private static List<String> expertise(java.util.Collection<TaskCategoryDto> categories) {
        return categories == null ? null : categories.stream().map(TaskCategoryDto::toString).sorted().toList();
    }

    private Response evaluator(EvaluatorRow row) {
        return Response.ok(dto(row)).tag(Long.toString(row.version())).build();
    }

    private EvaluatorDto dto(EvaluatorRow row) {
        return new EvaluatorDto().id(row.id()).kind(EvaluatorKindDto.fromValue(row.kind().name())).name(row.name())
                .affiliation(row.affiliation()).affiliationUnitId(row.affiliationUnitId())
                .expertise(row.expertise().stream().map(TaskCategoryDto::fromValue).toList())
                .termFrom(row.termFrom()).termTo(row.termTo()).appointmentDocument(row.appointmentDocument())
                .mobile(row.mobile()).email(row.email()).namePublic(row.namePublic()).active(row.active())
                .userId(row.userId()).username(row.username()).version(row.version())
                .createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
