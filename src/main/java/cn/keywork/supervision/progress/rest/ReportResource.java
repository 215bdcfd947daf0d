package cn.keywork.supervision.progress.rest;

import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.ReportsApi;
import cn.keywork.supervision.api.model.InboxFilterDto;
import cn.keywork.supervision.api.model.ProgressReportInputDto;
import cn.keywork.supervision.api.model.ReportTransitionDto;
import cn.keywork.supervision.api.model.ReportVersionListDto;
import cn.keywork.supervision.progress.domain.InboxFilter;
import cn.keywork.supervision.progress.domain.ReportAction;
import cn.keywork.supervision.progress.domain.ReportView;
import cn.keywork.supervision.progress.service.ReportService;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Monthly progress reports and the office inbox over HTTP: maps the contract to the service. */
public class ReportResource implements ReportsApi {

    private static final Set<String> NO_SORT = Set.of("period");

    private final ReportService reports;
    private final ReportMapper mapper;

    ReportResource(ReportService reports, ReportMapper mapper) {
        this.reports = reports;
        this.mapper = mapper;
    }

    @Override
    public Uni<Response> listTaskReports(UUID taskId, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "-period");
        return reports.list(taskId, request).map(found -> Response.ok(mapper.page(found)).build());
    }

    @Override
    public Uni<Response> getTaskReport(UUID taskId, String period) {
        return reports.get(taskId, period).map(this::report);
    }

    @Override
    public Uni<Response> saveTaskReport(UUID taskId, String period, ProgressReportInputDto input, String ifMatch) {
        Long expected = ifMatch == null ? null : ETags.required(ifMatch);
        return reports.save(taskId, period, expected, mapper.draft(input)).map(saved -> saved.created()
                ? Response.status(201).entity(mapper.dto(saved.report()))
                        .location(java.net.URI.create("/api/v1/tasks/" + taskId + "/reports/" + period))
                        .tag(Long.toString(saved.report().row().version())).build()
                : report(saved.report()));
    }

    @Override
    public Uni<Response> transitionTaskReport(UUID taskId, String period, String ifMatch, ReportTransitionDto input) {
        long expected = ETags.required(ifMatch);
        return reports.transition(taskId, period, expected, ReportAction.valueOf(input.getAction().toString()),
                input.getComment()).map(this::report);
    }

    @Override
    public Uni<Response> listTaskReportVersions(UUID taskId, String period) {
        return reports.versions(taskId, period)
                .map(found -> Response.ok(new ReportVersionListDto(found.stream().map(mapper::dto).toList())).build());
    }

    @Override
    public Uni<Response> listReportInbox(String period, InboxFilterDto status, UUID unitId, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "period");
        InboxFilter filter = new InboxFilter(period, status == null ? null : InboxFilter.State.valueOf(status.toString()),
                unitId);
        return reports.inbox(filter, request)
                .map(found -> Response.ok(mapper.inbox(found, request.page(), request.size())).build());
    }

    private Response report(ReportView view) {
        return Response.ok(mapper.dto(view)).tag(Long.toString(view.row().version())).build();
    }
}
