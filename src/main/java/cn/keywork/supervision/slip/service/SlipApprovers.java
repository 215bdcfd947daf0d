package cn.keywork.supervision.slip.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.slip.domain.SlipApprover;
import cn.keywork.supervision.slip.repository.ApproverRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The city leaders given the right to approve any supervision order (R9: "a LEADER given the
 * right"), beside each task's leader in charge. Only an active LEADER account may hold it; every
 * grant, change of note and revocation is audited in the same transaction.
 */
@ApplicationScoped
public class SlipApprovers {

    static final String OBJECT_TYPE = "SlipApprover";

    /** A grant and whether it was given now (rather than standing already). */
    public record Granted(SlipApprover approver, boolean created) {
    }

    private final ApproverRepository approvers;
    private final AuditTrail audit;
    private final Clock clock;

    SlipApprovers(ApproverRepository approvers, AuditTrail audit, Clock clock) {
        this.approvers = approvers;
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<SlipApprover>> list() {
        return approvers.list();
    }

    /** Grants the right (or replaces its note); 404 for an unknown account, 409 for one that may not hold it. */
    @WithTransaction
    public Uni<Granted> grant(UUID userId, String note) {
        Instant now = clock.instant();
        return approvers.candidate(userId).chain(candidate -> {
            if (candidate == null) {
                throw new NotFound(DomainMessage.ACCOUNT_NOT_FOUND, userId);
            }
            if (!candidate.roles().contains(Role.LEADER)) {
                throw new RuleViolation(DomainMessage.SLIP_APPROVER_NOT_LEADER, userId);
            }
            if (!candidate.active()) {
                throw new RuleViolation(DomainMessage.SLIP_APPROVER_INACTIVE, userId);
            }
            return approvers.find(userId, true);
        }).chain(before -> approvers.grant(userId, note, RequestScope.actor().userId(), now)
                .call(created -> audit.record(AuditEntry.success(created ? "SLIP_APPROVER_GRANTED" : "SLIP_APPROVER_UPDATED",
                        OBJECT_TYPE, userId, AuditChanges.between(content(before), content(note))))))
                .chain(created -> approvers.find(userId, false).map(approver -> new Granted(approver, created)));
    }

    /** Takes the right back; 404 when it was not given. */
    @WithTransaction
    public Uni<Void> revoke(UUID userId) {
        return approvers.find(userId, true).chain(before -> {
            if (before == null) {
                throw new NotFound(DomainMessage.SLIP_APPROVER_NOT_FOUND, userId);
            }
            return approvers.revoke(userId).call(() -> audit.record(AuditEntry.success("SLIP_APPROVER_REVOKED",
                    OBJECT_TYPE, userId, AuditChanges.removed(content(before)))));
        }).replaceWithVoid();
    }

    private static Map<String, Object> content(SlipApprover approver) {
        return approver == null ? Map.of() : content(approver.note());
    }

    private static Map<String, Object> content(String note) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("approver", true);
        if (note != null) {
            content.put("note", note);
        }
        return content;
    }
}
