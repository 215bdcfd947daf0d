package cn.keywork.supervision.evidence.service;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
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
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.evidence.domain.AttachmentFlag;
import cn.keywork.supervision.evidence.domain.AttachmentView;
import cn.keywork.supervision.evidence.domain.Download;
import cn.keywork.supervision.evidence.domain.EvidenceRules;
import cn.keywork.supervision.evidence.domain.FileFacts;
import cn.keywork.supervision.evidence.domain.OwnerType;
import cn.keywork.supervision.evidence.repository.AttachmentRepository;
import cn.keywork.supervision.evidence.storage.EvidenceStore;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.progress.domain.ReportRef;
import cn.keywork.supervision.progress.service.ReportAccess;
import cn.keywork.supervision.security.RequestScope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Evidence attached to monthly reports (R13): files are stored, described, flagged and counted in
 * the report's transaction, together with the report's flags, the audit row and the
 * {@code evidence.attached} event. Reading follows who may read the report, changing who may edit
 * it; another unit's attachment is not found.
 */
@ApplicationScoped
public class EvidenceService {

    static final String OBJECT_TYPE = "Attachment";

    private final AttachmentRepository attachments;
    private final EvidenceStore store;
    private final ReportAccess reports;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final SupervisionConfig config;

    EvidenceService(AttachmentRepository attachments, EvidenceStore store, ReportAccess reports, AuditTrail audit,
            DomainEventLog events, Clock clock, SupervisionConfig config) {
        this.attachments = attachments;
        this.store = store;
        this.reports = reports;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.config = config;
    }

    /** Attaches an inspected file to the report of {@code period}; the file's bytes are stored in this transaction. */
    @WithTransaction
    public Uni<AttachmentView> attach(UUID taskId, String period, FileFacts facts) {
        int limit = config.evidence().maxPerReport();
        return reports.editable(taskId, period)
                .call(report -> attachments.count(OwnerType.REPORT, report.reportId()).invoke(count -> {
                    if (count >= limit) {
                        throw new RuleViolation(DomainMessage.ATTACHMENT_LIMIT_REACHED, limit);
                    }
                }))
                .chain(report -> attachments.attachedToTask(taskId, facts.sha256())
                        .chain(duplicate -> attachments.site(taskId).map(site -> EvidenceRules.flags(facts,
                                YearMonth.parse(period), config.timeZone(), site, duplicate)))
                        .chain(flags -> store(report, facts, List.copyOf(flags))));
    }

    private Uni<AttachmentView> store(ReportRef report, FileFacts facts, List<AttachmentFlag> flags) {
        UUID id = UUID.randomUUID();
        AttachmentView view = new AttachmentView(id, OwnerType.REPORT, report.reportId(), report.taskId(), report.period(),
                facts.fileName(), facts.caption(), facts.contentType(), facts.size(), facts.sha256(), facts.takenAt(),
                facts.latitude(), facts.longitude(), facts.width(), facts.height(), flags, facts.thumbnail() != null,
                clock.instant());
        return store.write(facts.file(), facts.size())
                .chain(content -> (facts.thumbnail() == null ? Uni.createFrom().<UUID>nullItem() : store.write(facts.thumbnail()))
                        .chain(thumbnail -> (facts.publicCopy() == null ? Uni.createFrom().<UUID>nullItem()
                                : store.write(facts.publicCopy()))
                                .chain(publicCopy -> attachments.insert(new AttachmentRepository.NewAttachment(view, content,
                                        thumbnail, publicCopy, RequestScope.actor().userId())))))
                .chain(() -> attachments.refreshReportFlags(report.reportId()))
                .chain(() -> audit.record(AuditEntry.success("EVIDENCE_ATTACHED", OBJECT_TYPE, id,
                        AuditChanges.created(auditSnapshot(view)))))
                .chain(() -> events.append(event(EventTypes.EVIDENCE_ATTACHED, report, view)))
                .replaceWith(view);
    }

    /** Refuses (404, 403, 409) unless the current actor may add evidence to the report. */
    @WithSession
    public Uni<Void> requireEditable(UUID taskId, String period) {
        return reports.editable(taskId, period).replaceWithVoid();
    }

    @WithSession
    public Uni<List<AttachmentView>> list(UUID taskId, String period) {
        return reports.readable(taskId, period).chain(report -> attachments.ofOwner(OwnerType.REPORT, report.reportId()));
    }

    @WithSession
    public Uni<AttachmentView> get(UUID id) {
        return readable(id).map(AttachmentRepository.Row::view);
    }

    /** The file as uploaded, for whoever may read its report. */
    @WithSession
    public Uni<Download> content(UUID id) {
        return readable(id).map(row -> new Download(row.view().fileName(), row.view().contentType(), row.view().size(),
                row.view().sha256(), row.contentBlob()));
    }

    /** The thumbnail, for whoever may read its report; a PDF has none (not found). */
    @WithSession
    public Uni<Download> thumbnail(UUID id) {
        return readable(id).chain(row -> EvidenceContent.thumbnailOf(row, id, store));
    }

    /** Removes an attachment and its files while its report may be edited; audited, the report's flags follow. */
    @WithTransaction
    public Uni<Void> remove(UUID id) {
        return attachments.find(id)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, id))
                .call(row -> reports.editable(row.view().taskId(), row.view().period())
                        .onFailure(NotFound.class).transform(hidden -> new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, id))
                        .invoke(report -> EvidenceRules.requireMayRemove(RequestScope.actor(), report.leadUnitId(),
                                row.uploaderUnitId()))
                        .chain(report -> attachments.delete(id)
                                .chain(() -> store.delete(row.contentBlob()))
                                .chain(() -> row.thumbnailBlob() == null ? Uni.createFrom().voidItem() : store.delete(row.thumbnailBlob()))
                                .chain(() -> row.publicBlob() == null ? Uni.createFrom().voidItem() : store.delete(row.publicBlob()))
                                .chain(() -> attachments.refreshReportFlags(report.reportId()))
                                .chain(() -> audit.record(AuditEntry.success("EVIDENCE_REMOVED", OBJECT_TYPE, id,
                                        AuditChanges.removed(auditSnapshot(row.view())))))
                                .chain(() -> events.append(event(EventTypes.EVIDENCE_REMOVED, report, row.view())))))
                .replaceWithVoid();
    }

    private Uni<AttachmentRepository.Row> readable(UUID id) {
        return attachments.find(id)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, id))
                .call(row -> row.view().ownerType() != OwnerType.REPORT
                        ? Uni.createFrom().failure(new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, id))
                        : reports.readable(row.view().taskId(), row.view().period())
                                .onFailure(NotFound.class).transform(hidden -> new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, id)));
    }

    /** Neither the file's name nor its position: a name may be a person's, a position points at a home. */
    private static DomainEvent event(String type, ReportRef report, AttachmentView view) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", report.taskId().toString());
        payload.put("period", report.period());
        payload.put("attachmentId", view.id().toString());
        payload.put("contentType", view.contentType());
        payload.put("flags", view.flags().stream().map(Enum::name).toList());
        return DomainEvent.of(type, OBJECT_TYPE, view.id(), new ArrayList<>(report.unitIds()), report.period(), payload);
    }

    private static Map<String, Object> auditSnapshot(AttachmentView view) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("reportId", view.ownerId());
        snapshot.put("taskId", view.taskId());
        snapshot.put("period", view.period());
        snapshot.put("fileName", view.fileName());
        snapshot.put("contentType", view.contentType());
        snapshot.put("size", view.size());
        snapshot.put("sha256", view.sha256());
        snapshot.put("flags", view.flags().stream().map(Enum::name).toList());
        return snapshot;
    }
}
