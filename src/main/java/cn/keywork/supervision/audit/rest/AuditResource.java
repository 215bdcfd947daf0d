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
import cn.keywork.supervision.api.model.AuditEventDto;
import cn.keywork.supervision.api.model.AuditOutcomeDto;
import cn.keywork.supervision.api.model.AuditPageDto;
import cn.keywork.supervision.api.model.AuditVerificationDto;
import cn.keywork.supervision.audit.AuditLog;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** The audit trail for auditors: search and verification. Nothing here can change it. */
public class AuditResource implements AuditApi {

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final AuditLog log;
    private final ObjectMapper json;
    private final Clock clock;

    AuditResource(AuditLog log, ObjectMapper json, Clock clock) {
        this.log = log;
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
        return log.verify().map(result -> Response.ok(new AuditVerificationDto(result.intact(), result.checked())
                .firstBrokenId(result.firstBrokenId())
                .detail(result.detail())).build());
    }

    private AuditEventDto dto(AuditLog.Event event) {
        List<String> roles = event.actorRoles().isEmpty() ? List.of() : Arrays.asList(event.actorRoles().split(","));
        return new AuditEventDto(event.id(), event.occurredAt().atZone(clock.getZone()).toOffsetDateTime(), event.actor(),
                roles, event.action(), AuditOutcomeDto.fromValue(event.outcome()), event.hash())
                .unitId(event.unitId())
                .objectType(event.objectType())
                .objectId(event.objectId())
                .changes(parse(event.changes()))
                .detail(event.detail())
                .requestId(event.requestId())
                .clientAddress(event.clientAddress());
    }

    private Map<String, Object> parse(String changes) {
        if (changes == null) {
            return null;
        }
        try {
            return json.readValue(changes, OBJECT);
        } catch (Exception e) {
            return Map.of("unreadable", changes);
        }
    }
}
