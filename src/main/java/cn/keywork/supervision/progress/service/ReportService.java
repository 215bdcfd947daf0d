package cn.keywork.supervision.progress.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.Conflict;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import cn.keywork.supervision.progress.domain.InboxFilter;
import cn.keywork.supervision.progress.domain.InboxPage;
import cn.keywork.supervision.progress.domain.ReportAction;
import cn.keywork.supervision.progress.domain.ReportDraft;
import cn.keywork.supervision.progress.domain.ReportEvents;
import cn.keywork.supervision.progress.domain.ReportLine;
import cn.keywork.supervision.progress.domain.ReportPolicy;
import cn.keywork.supervision.progress.domain.ReportRow;
import cn.keywork.supervision.progress.domain.ReportStatus;
import cn.keywork.supervision.progress.domain.ReportTask;
import cn.keywork.supervision.progress.domain.ReportVersionView;
import cn.keywork.supervision.progress.domain.ReportView;
import cn.keywork.supervision.progress.domain.ReportingDeadline;
import cn.keywork.supervision.progress.repository.ReportRepository;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Monthly progress reports (R5): the lead unit drafts and submits, cooperating units fill in the
 * sub-items they answer for, the office accepts or returns. Every change is audited and every
 * decision logged as a domain event in its transaction; every submission is kept whole.
 */
@ApplicationScoped
public class ReportService {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ReportRepository reports;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final ObjectMapper json;
    private final ReportingDeadline deadline;
    private final ProgressFigures figures;

    ReportService(ReportRepository reports, AuditTrail audit, DomainEventLog events, Clock clock, ObjectMapper json,
            SupervisionConfig config,
            @ConfigProperty(name = "supervision.progress.reporting-deadline-day", defaultValue = "25") int deadlineDay,
            ProgressFigures figures) {
        this.figures = figures;
        this.reports = reports;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.json = json;
        this.deadline = new ReportingDeadline(deadlineDay, config.timeZone());
    }

    /** What {@link #save} did: the report and whether it was created. */
    public record Saved(ReportView report, boolean created) {
    }

    @WithSession
    public Uni<ReportView> get(UUID taskId, String period) {
        return visibleTask(taskId).chain(task -> existingReport(task, period, false).chain(row -> view(task, row)));
    }

    @WithSession
    public Uni<Page<ReportRow>> list(UUID taskId, PageRequest page) {
        return visibleTask(taskId).chain(task -> reports.reports(taskId, page.size(), page.offset())
                .chain(rows -> reports.count(taskId).map(total -> new Page<>(rows, page, total))));
    }

    @WithSession
    public Uni<List<ReportVersionView>> versions(UUID taskId, String period) {
        return visibleTask(taskId).chain(task -> existingReport(task, period, false))
                .chain(row -> reports.versions(row.id()));
    }

    @WithSession
    public Uni<InboxPage> inbox(InboxFilter filter, PageRequest page) {
        return reports.inbox(filter, RequestScope.actor().unitScope(), page.size(), page.offset());
    }

    /**
     * Creates the month's draft, or changes it while it is a draft or returned ({@code expectedVersion}
     * then required). What the draft leaves out stays as it was.
     */
    @WithTransaction
    public Uni<Saved> save(UUID taskId, String period, Long expectedVersion, ReportDraft draft) {
        Actor actor = RequestScope.actor();
        if (draft.period() != null && !draft.period().equals(period)) {
            throw InvalidInput.of("period", InvalidInput.Reason.RULE, DomainMessage.REPORT_PERIOD_MISMATCH, draft.period(),
                    period);
        }
        return visibleTask(taskId).chain(task -> {
            requireReportingMonth(task, period);
            return reports.reportForUpdate(taskId, period).chain(existing -> reports
                    .lines(taskId, existing == null ? null : existing.id(), period)
                    .chain(lines -> {
                        Set<UUID> answering = lines.stream().map(ReportLine::responsibleUnitId).collect(Collectors.toSet());
                        ReportAccess.requireMayWrite(task, actor, answering);
                        requireOwnParts(task, actor, draft, lines);
                        if (existing != null) {
                            if (expectedVersion == null) {
                                ETags.required(null);
                            }
                            ETags.check(expectedVersion, existing.version(), "report");
                            ReportPolicy.requireEditable(existing.status());
                        }
                        List<ReportLine> changed = merge(lines, draft.subItems());
                        changed.stream().filter(ReportLine::fallsBelowAccepted).findFirst().ifPresent(line -> {
                            throw decrease(line);
                        });
                        return existing == null ? create(task, period, draft, changed, actor)
                                : change(task, existing, draft, changed, actor);
                    }));
        });
    }

    private Uni<Saved> create(ReportTask task, String period, ReportDraft draft, List<ReportLine> changed, Actor actor) {
        Instant now = clock.instant();
        ReportRow row = new ReportRow(UUID.randomUUID(), task.id(), period, ReportStatus.DRAFT, draft.summary(),
                draft.problems(), draft.measures(), draft.nextSteps(), false, List.of(), 0, null, null, null, 1, now, now);
        return reports.insert(row).chain(inserted -> {
            if (!inserted) {
                throw new Conflict(DomainMessage.REPORT_CREATED_MEANWHILE);
            }
            return writeParts(row.id(), draft, changed, actor, now);
        }).call(() -> audit.record(AuditEntry.success("REPORT_CREATED", ReportEvents.OBJECT_TYPE, row.id(),
                AuditChanges.created(snapshot(row, draft, changed)))))
                .call(() -> auditCorrections(row.id(), period, changed))
                .chain(() -> view(task, row.id(), period)).map(view -> new Saved(view, true));
    }

    private Uni<Saved> change(ReportTask task, ReportRow existing, ReportDraft draft, List<ReportLine> changed,
            Actor actor) {
        Instant now = clock.instant();
        ReportRow row = new ReportRow(existing.id(), existing.taskId(), existing.period(), existing.status(),
                keep(draft.summary(), existing.summary()), keep(draft.problems(), existing.problems()),
                keep(draft.measures(), existing.measures()), keep(draft.nextSteps(), existing.nextSteps()),
                existing.late(), existing.flags(), existing.submittedCount(), existing.submittedAt(), existing.decidedAt(),
                existing.decisionComment(), existing.version() + 1, existing.createdAt(), now);
        Map<String, Object> before = textSnapshot(existing);
        return reports.update(row, null, null)
                .chain(() -> writeParts(row.id(), draft, changed, actor, now))
                .call(() -> {
                    Map<String, Object> after = textSnapshot(row);
                    changed.forEach(line -> after.put("subItem " + line.subItemId(), lineText(line)));
                    if (draft.coordinationRequests() != null) {
                        after.put("coordinationRequests", draft.coordinationRequests().size());
                    }
                    return audit.record(AuditEntry.success("REPORT_UPDATED", ReportEvents.OBJECT_TYPE, row.id(),
                            AuditChanges.between(before, after)));
                })
                .call(() -> auditCorrections(row.id(), row.period(), changed))
                .chain(() -> view(task, row.id(), row.period())).map(view -> new Saved(view, false));
    }

    private Uni<Void> writeParts(UUID reportId, ReportDraft draft, List<ReportLine> changed, Actor actor, Instant now) {
        Uni<Void> chain = draft.coordinationRequests() == null ? Uni.createFrom().voidItem()
                : reports.replaceCoordination(reportId, draft.coordinationRequests());
        for (ReportLine line : changed) {
            chain = chain.chain(() -> reports.saveLine(reportId, line, actor.userId(), now));
        }
        return chain;
    }

    /** A correction below the last accepted month's value is audited on its own, with its reason. */
    private Uni<Void> auditCorrections(UUID reportId, String period, List<ReportLine> changed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ReportLine line : changed) {
            if (line.corrects()) {
                chain = chain.chain(() -> audit.record(new AuditEntry("REPORT_PROGRESS_CORRECTED", ReportEvents.OBJECT_TYPE,
                        reportId.toString(), AuditEntry.Outcome.SUCCESS,
                        AuditChanges.between(Map.of("actual", plain(line.lastAccepted())), Map.of("actual", plain(line.actual()))),
                        "Sub-item " + line.subItemId() + " in " + period + " below the " + plain(line.lastAccepted())
                                + " accepted for " + line.lastAcceptedPeriod() + ": " + line.correctionReason())));
            }
        }
        return chain;
    }

    /** One move: SUBMIT by the lead unit, ACCEPT or RETURN by the office. */
    @WithTransaction
    public Uni<ReportView> transition(UUID taskId, String period, long expectedVersion, ReportAction action,
            String comment) {
        Actor actor = RequestScope.actor();
        ReportPolicy.requireMayAttempt(action, comment, actor);
        return visibleTask(taskId).chain(task -> reports.lockTaskReports(taskId)
                .chain(() -> existingReport(task, period, true))
                .chain(row -> {
                    ETags.check(expectedVersion, row.version(), "report");
                    if (action == ReportAction.SUBMIT) {
                        ReportPolicy.requireMaySubmit(task, actor);
                        requireReportingMonth(task, period);
                    }
                    ReportStatus next = ReportPolicy.after(row.status(), action);
                    return reports.lines(taskId, row.id(), period).chain(lines -> {
                        if (action == ReportAction.SUBMIT) {
                            List<String> missing = lines.stream().filter(line -> line.actual() == null)
                                    .map(line -> line.subItemId().toString()).toList();
                            if (!missing.isEmpty()) {
                                throw new RuleViolation(DomainMessage.REPORT_ACTUAL_MISSING, String.join(", ", missing));
                            }
                        }
                        if (action != ReportAction.RETURN) {
                            lines.stream().filter(ReportLine::fallsBelowAccepted).findFirst().ifPresent(line -> {
                                throw decrease(line);
                            });
                        }
                        return move(task, row, lines, action, next, comment, actor);
                    });
                }));
    }

    private Uni<ReportView> move(ReportTask task, ReportRow row, List<ReportLine> lines, ReportAction action,
            ReportStatus next, String comment, Actor actor) {
        Instant now = clock.instant();
        boolean submit = action == ReportAction.SUBMIT;
        boolean late = submit && row.submittedCount() == 0 ? deadline.isLate(YearMonth.parse(row.period()), now) : row.late();
        int submissions = submit ? row.submittedCount() + 1 : row.submittedCount();
        ReportRow moved = new ReportRow(row.id(), row.taskId(), row.period(), next, row.summary(), row.problems(),
                row.measures(), row.nextSteps(), late, row.flags(), submissions, submit ? now : row.submittedAt(),
                submit ? row.decidedAt() : now, submit ? row.decisionComment() : comment, row.version() + 1,
                row.createdAt(), now);
        Uni<Void> kept = !submit ? Uni.createFrom().voidItem()
                : reports.coordination(row.id()).chain(requests -> reports.insertVersion(row.id(), submissions, now,
                        actor.userId(), late, content(moved, requests, lines)));
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("status", row.status().name());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", next.name());
        if (submit) {
            after.put("version", submissions);
            after.put("late", late);
        } else if (comment != null) {
            after.put("comment", comment);
        }
        return kept.chain(() -> reports.update(moved, submit ? actor.userId() : null, submit ? null : actor.userId()))
                .call(() -> events.append(event(action, task, moved)))
                // an accepted report moves the task's figures and light, in this transaction
                .call(() -> action == ReportAction.ACCEPT ? figures.afterAccepted(task.id(), row.period())
                        : Uni.createFrom().voidItem())
                .chain(() -> view(task, moved))
                // last: appending takes the audit chain's lock, held until the commit right after
                .call(() -> audit.record(AuditEntry.success("REPORT_" + action.name(), ReportEvents.OBJECT_TYPE, row.id(),
                        AuditChanges.between(before, after))));
    }

    private static DomainEvent event(ReportAction action, ReportTask task, ReportRow row) {
        String type = switch (action) {
            case SUBMIT -> EventTypes.REPORT_SUBMITTED;
            case ACCEPT -> EventTypes.REPORT_ACCEPTED;
            case RETURN -> EventTypes.REPORT_RETURNED;
        };
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.id().toString());
        payload.put("code", task.code());
        payload.put("period", row.period());
        payload.put("late", row.late());
        payload.put("version", row.submittedCount());
        return DomainEvent.of(type, ReportEvents.OBJECT_TYPE, row.id(), task.unitIds(), row.period(), payload);
    }

    /** The content of a submission as kept in its version. */
    private String content(ReportRow row, List<ReportDraft.Coordination> requests, List<ReportLine> lines) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("period", row.period());
        content.put("summary", row.summary());
        content.put("problems", row.problems());
        content.put("measures", row.measures());
        content.put("nextSteps", row.nextSteps());
        content.put("coordinationRequests", requests.stream().map(r -> Map.of("description", r.description(),
                "unitIds", r.unitIds().stream().map(UUID::toString).toList())).toList());
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReportLine line : lines) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("subItemId", line.subItemId().toString());
            item.put("actual", line.actual());
            item.put("note", line.note());
            if (line.corrects()) {
                item.put("correctionReason", line.correctionReason());
            }
            items.add(item);
        }
        content.put("subItems", items);
        try {
            return json.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Report content is not JSON", e);
        }
    }

    private Uni<ReportTask> visibleTask(UUID taskId) {
        return reports.task(taskId, RequestScope.actor().unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId));
    }

    private Uni<ReportRow> existingReport(ReportTask task, String period, boolean lock) {
        return (lock ? reports.reportForUpdate(task.id(), period) : reports.report(task.id(), period))
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.REPORT_NOT_FOUND, task.id() + " " + period));
    }

    private Uni<ReportView> view(ReportTask task, UUID reportId, String period) {
        return reports.report(task.id(), period).chain(row -> view(task, row));
    }

    private Uni<ReportView> view(ReportTask task, ReportRow row) {
        return reports.coordination(row.id()).chain(requests -> reports.lines(task.id(), row.id(), row.period())
                .map(lines -> new ReportView(row, task.code(), requests, lines)));
    }

    /** The task reports in this month: registered and under way (or completed), the month begun, within its years. */
    private void requireReportingMonth(ReportTask task, String period) {
        if (!ReportPolicy.REPORTING_TASKS.contains(task.status())) {
            throw new RuleViolation(DomainMessage.REPORT_TASK_NOT_REPORTING, task.status());
        }
        YearMonth month = YearMonth.parse(period);
        if (month.isAfter(YearMonth.now(clock.withZone(deadline.zone())))) {
            throw InvalidInput.of("period", InvalidInput.Reason.RANGE, DomainMessage.REPORT_PERIOD_FUTURE, period);
        }
        int last = Math.max(task.year(), task.deadline().getYear());
        if (month.getYear() < task.year() || month.getYear() > last) {
            throw InvalidInput.of("period", InvalidInput.Reason.RANGE, DomainMessage.REPORT_PERIOD_OUTSIDE_TASK, period,
                    task.year(), last);
        }
    }

    /** A cooperating unit writes only the sub-items it answers for, and no task-level field. */
    private static void requireOwnParts(ReportTask task, Actor actor, ReportDraft draft, List<ReportLine> lines) {
        Map<UUID, ReportLine> byId = lines.stream().collect(Collectors.toMap(ReportLine::subItemId, Function.identity()));
        List<ReportDraft.Entry> entries = draft.subItems() == null ? List.of() : draft.subItems();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            ReportDraft.Entry entry = entries.get(i);
            if (!byId.containsKey(entry.subItemId())) {
                errors.add("subItems[" + i + "].subItemId", InvalidInput.Reason.NOT_FOUND,
                        DomainMessage.REPORT_SUB_ITEM_UNKNOWN, entry.subItemId());
            } else if (!seen.add(entry.subItemId())) {
                errors.add("subItems[" + i + "].subItemId", InvalidInput.Reason.RULE, DomainMessage.REPORT_SUB_ITEM_TWICE,
                        entry.subItemId());
            }
            if (entry.actual() != null
                    && (entry.actual().signum() < 0 || entry.actual().compareTo(HUNDRED) > 0)) {
                errors.add("subItems[" + i + "].actual", InvalidInput.Reason.RANGE, DomainMessage.REPORT_ACTUAL_RANGE);
            }
        }
        errors.throwIfAny();
        if (ReportPolicy.speaksFor(task, actor)) {
            return;
        }
        List<String> fields = draft.taskLevelFieldsSent();
        if (!fields.isEmpty()) {
            throw new NotPermitted(DomainMessage.REPORT_LEAD_FIELDS_ONLY, String.join(", ", fields));
        }
        List<String> others = entries.stream()
                .filter(entry -> !Objects.equals(byId.get(entry.subItemId()).responsibleUnitId(), actor.unitId()))
                .map(entry -> entry.subItemId().toString()).toList();
        if (!others.isEmpty()) {
            throw new NotPermitted(DomainMessage.REPORT_SUB_ITEMS_NOT_YOURS, String.join(", ", others));
        }
    }

    /** The sub-items the draft touches, each with what it sends over what it had. */
    private static List<ReportLine> merge(List<ReportLine> lines, List<ReportDraft.Entry> entries) {
        if (entries == null) {
            return List.of();
        }
        Map<UUID, ReportLine> byId = lines.stream().collect(Collectors.toMap(ReportLine::subItemId, Function.identity()));
        return entries.stream().map(entry -> {
            ReportLine line = byId.get(entry.subItemId());
            return line.with(entry.actual() != null ? entry.actual() : line.actual(), keep(entry.note(), line.note()),
                    keep(entry.correctionReason(), line.correctionReason()));
        }).toList();
    }

    private static Conflict decrease(ReportLine line) {
        return new Conflict(DomainMessage.REPORT_PROGRESS_DECREASES, line.subItemId(), plain(line.actual()),
                plain(line.lastAccepted()), line.lastAcceptedPeriod());
    }

    private static String keep(String sent, String stored) {
        return sent != null ? sent : stored;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static String lineText(ReportLine line) {
        return plain(line.actual()) + (line.note() == null ? "" : " " + line.note())
                + (line.correctionReason() == null ? "" : " (correction: " + line.correctionReason() + ")");
    }

    private static Map<String, Object> textSnapshot(ReportRow row) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("summary", row.summary());
        snapshot.put("problems", row.problems());
        snapshot.put("measures", row.measures());
        snapshot.put("nextSteps", row.nextSteps());
        return snapshot;
    }

    private static Map<String, Object> snapshot(ReportRow row, ReportDraft draft, List<ReportLine> changed) {
        Map<String, Object> snapshot = textSnapshot(row);
        snapshot.put("period", row.period());
        changed.forEach(line -> snapshot.put("subItem " + line.subItemId(), lineText(line)));
        if (draft.coordinationRequests() != null) {
            snapshot.put("coordinationRequests", draft.coordinationRequests().size());
        }
        return snapshot;
    }
}
