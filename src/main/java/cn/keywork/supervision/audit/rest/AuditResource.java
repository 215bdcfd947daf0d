package cn.keywork.supervision.audit.rest;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.AuditApi;
import cn.keywork.supervision.api.model.AuditChangeDto;
import cn.keywork.supervision.api.model.AuditCheckpointDto;
import cn.keywork.supervision.api.model.AuditCheckpointKeyDto;
import cn.keywork.supervision.api.model.AuditCheckpointPageDto;
import cn.keywork.supervision.api.model.AuditEventDto;
import cn.keywork.supervision.api.model.AuditFindingDto;
import cn.keywork.supervision.api.model.AuditFindingKindDto;
import cn.keywork.supervision.api.model.AuditHeldCheckpointDto;
import cn.keywork.supervision.api.model.AuditOutcomeDto;
import cn.keywork.supervision.api.model.AuditPageDto;
import cn.keywork.supervision.api.model.AuditVerificationDto;
import cn.keywork.supervision.audit.AuditCheckpoints;
import cn.keywork.supervision.audit.AuditKeys;
import cn.keywork.supervision.audit.AuditLog;
import cn.keywork.supervision.audit.AuditVerifier;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import cn.keywork.supervision.web.WebMessage;
import io.smallrye.mutiny.Uni;

/** The audit trail for auditors: search, verification and checkpoints. Nothing here can change the trail. */
public class AuditResource implements AuditApi {

    private static final TypeReference<Map<String, AuditChangeDto>> OBJECT = new TypeReference<>() {
    };

    private final AuditLog log;
    private final AuditVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final AuditKeys keys;
    private final Idempotency idempotency;
    private final ObjectMapper json;
    private final Clock clock;

    AuditResource(AuditLog log, AuditVerifier verifier, AuditCheckpoints checkpoints, AuditKeys keys,
            Idempotency idempotency, ObjectMapper json, Clock clock) {
        this.log = log;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.idempotency = idempotency;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listAuditEvents(String actor, UUID unitId, String objectType, String objectId, String action,
            AuditOutcomeDto outcome, OffsetDateTime from, OffsetDateTime to, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("id"), "id");
        AuditLog.Filter filter = new AuditLog.Filter(actor, unitId, objectType, objectId, action,
                outcome == null ? null : outcome.toString(), from, to);
        return log.search(filter, request).map(found -> Response.ok(new AuditPageDto(found.map(this::dto),
                request.page(), request.size(), found.total())).build());
    }

    @Override
    public Uni<Response> verifyAuditTrail() {
        return verifier.verify(null).map(this::verification);
    }

    @Override
    public Uni<Response> verifyAuditTrailAgainstCheckpoint(AuditHeldCheckpointDto held) {
        if (!checkpoints.isSigned(held.getSeq(), held.getHeadHash(), held.getCreatedAt().toInstant(), held.getSignature())) {
            throw ApiProblem.invalid("signature", FieldErrorCode.RULE, WebMessage.CHECKPOINT_SIGNATURE);
        }
        return verifier.verify(new AuditVerifier.HeldCheckpoint(held.getSeq(), held.getHeadHash(), held.getCreatedAt().toInstant()))
                .map(this::verification);
    }

    @Override
    public Uni<Response> listAuditCheckpoints(Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("seq"), "-seq");
        return checkpoints.search(request).map(found -> Response.ok(new AuditCheckpointPageDto(found.map(this::dto),
                request.page(), request.size(), found.total())).build());
    }

    @Override
    public Uni<Response> publishAuditCheckpoint(String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "publishAuditCheckpoint", null,
                () -> checkpoints.publish().map(checkpoint -> idempotency.answer(201, dto(checkpoint), null, null)));
    }

    @Override
    public Uni<Response> getAuditCheckpointKey() {
        return Uni.createFrom().item(Response.ok(new AuditCheckpointKeyDto(keys.checkpointKeyId(), "SHA256withRSA",
                keys.checkpointPublicKeyPem())).build());
    }

    private Response verification(AuditVerifier.Result result) {
        return Response.ok(new AuditVerificationDto(result.intact(), result.checked(), result.findings().stream()
                .map(finding -> new AuditFindingDto(AuditFindingKindDto.fromValue(finding.kind().name()), finding.detail())
                        .seq(finding.seq())
                        .eventId(finding.eventId()))
                .toList())
                .firstBrokenId(result.firstBrokenId())
                .detail(result.detail())
                .firstSeq(result.firstSeq())
                .lastSeq(result.lastSeq())
                .checkpointsChecked(result.checkpointsChecked())).build();
    }

    private AuditCheckpointDto dto(AuditCheckpoints.Checkpoint checkpoint) {
        return new AuditCheckpointDto(checkpoint.seq(), checkpoint.headHash(),
                checkpoint.createdAt().atZone(clock.getZone()).toOffsetDateTime(), checkpoint.statement(),
                checkpoint.signature(), checkpoint.keyId());
    }

    private AuditEventDto dto(AuditLog.Event event) {
        List<String> roles = event.actorRoles().isEmpty() ? List.of() : Arrays.asList(event.actorRoles().split(","));
        return new AuditEventDto(event.id(), event.seq(), event.occurredAt().atZone(clock.getZone()).toOffsetDateTime(), event.actor(),
                roles, event.action(), AuditOutcomeDto.fromValue(event.outcome()), event.hash())
                .unitId(event.unitId())
                .objectType(event.objectType())
                .objectId(event.objectId())
                .changes(parse(event.changes()))
                .detail(event.detail())
                .requestId(event.requestId())
                .clientAddress(event.clientAddress());
    }

    private Map<String, AuditChangeDto> parse(String changes) {
        if (changes == null) {
            return null;
        }
        try {
            return json.readValue(changes, OBJECT);
        } catch (Exception e) {
            return Map.of("unreadable", new AuditChangeDto().after(changes));
        }
    }
}
