package cn.keywork.supervision.points.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.points.domain.EntryList;
import cn.keywork.supervision.points.domain.EntryStatus;
import cn.keywork.supervision.points.repository.EntryRepository;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Point entries (R16): reading them and their basis (a unit account sees its own unit's only),
 * and manual entries, proposed by the office or the assessment office and decided by a second
 * assessment account (four eyes). Entries come back as JSON objects in the contract's names.
 */
@ApplicationScoped
public class PointEntries {

    static final String OBJECT_TYPE = "PointEntry";

    private final EntryRepository entries;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;

    PointEntries(EntryRepository entries, AuditTrail audit, Clock clock, SupervisionConfig config) {
        this.entries = entries;
        this.audit = audit;
        this.clock = clock;
        this.zone = config.timeZone();
    }

    /** The unit a unit account is confined to; the auditors read every unit's entries. */
    private static UUID scope() {
        Actor actor = RequestScope.actor();
        return actor.has(Role.AUDITOR) ? null : actor.unitScope().orElse(null);
    }

    @WithSession
    public Uni<EntryList> list(Integer year, UUID unitId, String ruleCode, String source, String status,
            int offset, int limit) {
        return entries.list(year, unitId, ruleCode, source, status, scope(), offset, limit);
    }

    @WithSession
    public Uni<String> get(UUID id) {
        return entries.get(id, scope()).invoke(found -> {
            if (found == null) {
                throw new NotFound(DomainMessage.ENTRY_NOT_FOUND, id);
            }
        });
    }

    @WithSession
    public Uni<String> basis(UUID id) {
        return entries.basis(id, scope()).invoke(found -> {
            if (found == null) {
                throw new NotFound(DomainMessage.ENTRY_NOT_FOUND, id);
            }
        });
    }

    /** Proposes a manual entry of the current year; answers it. */
    @WithTransaction
    public Uni<String> propose(UUID unitId, BigDecimal points, String reason, List<UUID> attachmentIds) {
        if (points.signum() == 0) {
            throw InvalidInput.of("points", InvalidInput.Reason.RANGE, DomainMessage.POINTS_ZERO);
        }
        Actor actor = RequestScope.actor();
        Instant now = clock.instant();
        int year = now.atZone(zone).getYear();
        UUID id = UUID.randomUUID();
        List<UUID> attachments = attachmentIds == null ? List.of() : attachmentIds.stream().distinct().toList();
        return entries.unitExists(unitId).invoke(exists -> {
            if (!exists) {
                throw new NotFound(DomainMessage.UNIT_NOT_FOUND, unitId);
            }
        }).chain(() -> entries.missingAttachments(attachments)).invoke(missing -> {
            if (!missing.isEmpty()) {
                throw new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, missing.get(0));
            }
        }).chain(() -> entries.propose(id, unitId, year, points, reason, attachments, actor.userId(), now))
                .call(() -> {
                    Map<String, Object> after = new LinkedHashMap<>();
                    after.put("unitId", unitId.toString());
                    after.put("year", year);
                    after.put("points", points.toPlainString());
                    after.put("reason", reason);
                    after.put("status", EntryStatus.PROPOSED.name());
                    return audit.record(AuditEntry.success("POINT_ENTRY_PROPOSED", OBJECT_TYPE, id, AuditChanges.created(after)));
                })
                .chain(() -> entries.get(id, null));
    }

    /** Approves or rejects a PROPOSED manual entry, by an assessment account other than the proposer. */
    @WithTransaction
    public Uni<String> decide(UUID id, boolean approve, String reason) {
        Actor actor = RequestScope.actor();
        Instant now = clock.instant();
        String status = approve ? EntryStatus.EFFECTIVE.name() : EntryStatus.REJECTED.name();
        return entries.lockProposal(id).invoke(proposal -> {
            if (proposal == null) {
                throw new NotFound(DomainMessage.ENTRY_NOT_FOUND, id);
            }
            if (proposal.proposedBy() != null && proposal.proposedBy().equals(actor.userId())) {
                throw new NotPermitted(DomainMessage.ENTRY_FOUR_EYES, id);
            }
            if (!EntryStatus.PROPOSED.name().equals(proposal.status())) {
                throw new Conflict(DomainMessage.ENTRY_DECIDED, id, proposal.status());
            }
        }).chain(() -> entries.decide(id, status, actor.userId(), reason, now))
                .call(() -> audit.record(AuditEntry.success(approve ? "POINT_ENTRY_APPROVED" : "POINT_ENTRY_REJECTED",
                        OBJECT_TYPE, id, AuditChanges.between(Map.of("status", EntryStatus.PROPOSED.name()),
                                reason == null ? Map.of("status", status) : Map.of("status", status, "reason", reason)))))
                .chain(() -> entries.get(id, null));
    }
}
