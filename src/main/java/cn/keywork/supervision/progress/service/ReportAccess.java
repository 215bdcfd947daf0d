package cn.keywork.supervision.progress.service;

import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.progress.domain.ReportDraft;
import cn.keywork.supervision.progress.domain.ReportPolicy;
import cn.keywork.supervision.progress.domain.ReportRef;
import cn.keywork.supervision.progress.domain.ReportTask;
import cn.keywork.supervision.progress.repository.ReportRepository;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * How other features (evidence, lights, the ledger) reach a report on behalf of the current actor,
 * with the same unit scoping and rules as the reports themselves.
 */
@ApplicationScoped
public class ReportAccess {

    private final ReportRepository reports;

    ReportAccess(ReportRepository reports) {
        this.reports = reports;
    }

    /** The report as the current actor (RequestScope.actor()) may read it: NotFound if the task or report is not visible. */
    @WithSession
    public Uni<ReportRef> readable(UUID taskId, String period) {
        Actor actor = RequestScope.actor();
        return reports.task(taskId, actor.unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId))
                .chain(task -> reports.report(taskId, period)
                        .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.REPORT_NOT_FOUND, taskId + " " + period))
                        .map(row -> new ReportRef(row.id(), taskId, row.period(), task.leadUnitId(), task.unitIds(),
                                row.status())));
    }

    /**
     * The report the current actor may add evidence to: its lead unit (or a cooperating unit) and
     * status DRAFT or RETURNED; Conflict otherwise. Inside a transaction the report's row stays
     * locked until it ends, so a submission and the uploads to the same report take turns: no file
     * joins a report after it was submitted, and its count limit holds.
     */
    @WithSession
    public Uni<ReportRef> editable(UUID taskId, String period) {
        Actor actor = RequestScope.actor();
        return reports.task(taskId, actor.unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId))
                .chain(task -> reports.subItemUnits(taskId).chain(units -> {
                    requireMayWrite(task, actor, units);
                    return reports.reportForUpdate(taskId, period)
                            .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.REPORT_NOT_FOUND, taskId + " " + period))
                            .invoke(row -> ReportPolicy.requireEditable(row.status()))
                            .map(row -> new ReportRef(row.id(), taskId, row.period(), task.leadUnitId(), task.unitIds(),
                                    row.status()));
                }));
    }

    /**
     * A coordination request (需协调解决事项) of a report as the current actor may read it, by its
     * position from 0; null when the report has no request there. NotFound if the task or report is
     * not visible.
     */
    @WithSession
    public Uni<ReportDraft.Coordination> coordinationRequest(ReportRef report, int index) {
        return reports.coordination(report.reportId())
                .map(requests -> index >= 0 && index < requests.size() ? requests.get(index) : null);
    }

    static void requireMayWrite(ReportTask task, Actor actor, Set<UUID> subItemUnits) {
        if (!ReportPolicy.mayWrite(task, actor, subItemUnits)) {
            throw new NotPermitted(DomainMessage.REPORT_NOT_PERMITTED);
        }
    }
}
