package cn.keywork.supervision.task.rest;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.TasksApi;
import cn.keywork.supervision.api.model.AdjustmentDecisionDto;
import cn.keywork.supervision.api.model.AdjustmentInputDto;
import cn.keywork.supervision.api.model.ExportFormatDto;
import cn.keywork.supervision.api.model.ImportResultDto;
import cn.keywork.supervision.api.model.KeyTaskInputDto;
import cn.keywork.supervision.api.model.LightDto;
import cn.keywork.supervision.api.model.SubItemInputDto;
import cn.keywork.supervision.api.model.TaskCategoryDto;
import cn.keywork.supervision.api.model.TaskStatusDto;
import cn.keywork.supervision.api.model.TaskSiteDto;
import cn.keywork.supervision.api.model.TaskTransitionDto;
import cn.keywork.supervision.api.model.UnitRoleDto;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.task.domain.TaskAction;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskFilter;
import cn.keywork.supervision.task.domain.TaskStatus;
import cn.keywork.supervision.task.domain.TaskView;
import cn.keywork.supervision.task.service.AdjustmentService;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.task.service.BreakdownService;
import cn.keywork.supervision.task.service.TaskExport;
import cn.keywork.supervision.task.service.TaskImport;
import cn.keywork.supervision.task.service.TaskSheet;
import cn.keywork.supervision.task.service.TaskService;
import cn.keywork.supervision.web.Accepts;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Key tasks over HTTP: maps the contract to the service. */
public class TaskResource implements TasksApi {

    private static final String PATH = "/api/v1/tasks/";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final TaskService tasks;
    private final BreakdownService breakdown;
    private final AdjustmentService adjustments;
    private final TaskImport imports;
    private final TaskMapper mapper;
    private final Idempotency idempotency;
    private final java.time.Clock clock;
    private final TaskExport export;
    private final CurrentVertxRequest current;

    @Context
    HttpHeaders headers;

    TaskResource(TaskService tasks, BreakdownService breakdown, AdjustmentService adjustments, TaskImport imports,
            TaskMapper mapper, Idempotency idempotency, java.time.Clock clock, TaskExport export, CurrentVertxRequest current) {
        this.imports = imports;
        this.export = export;
        this.current = current;
        this.clock = clock;
        this.tasks = tasks;
        this.breakdown = breakdown;
        this.adjustments = adjustments;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> listTasks(Integer year, TaskCategoryDto category, TaskStatusDto status, UUID unitId,
            UnitRoleDto unitRole, UUID leaderId, LocalDate deadlineFrom, LocalDate deadlineTo, String q, LightDto light,
            String period, Integer page, Integer size, String sort) {
        PageRequest request = PageRequest.of(page, size, sort, TaskFilter.SORT_FIELDS, TaskFilter.DEFAULT_SORT);
        TaskFilter filter = filter(year, category, status, unitId, unitRole, leaderId, deadlineFrom, deadlineTo, q, light,
                period);
        return tasks.list(filter, request).map(found -> Response.ok(mapper.page(found)).build());
    }

    /**
     * The list's tasks, all of them, as a file: written from database cursors on a worker thread
     * into a private scratch file, kept in the audit trail, then sent as it lies on disk and removed
     * when the answer ends.
     */
    @Override
    public Uni<Response> exportTasks(ExportFormatDto format, Integer year, TaskCategoryDto category, TaskStatusDto status,
            UUID unitId, UnitRoleDto unitRole, UUID leaderId, LocalDate deadlineFrom, LocalDate deadlineTo, String q,
            LightDto light, String period, String sort) {
        TaskExport.Format as = format == ExportFormatDto.XLSX ? TaskExport.Format.XLSX : TaskExport.Format.CSV;
        Accepts.require(headers, MediaType.valueOf(as.mediaType));
        PageRequest order = PageRequest.of(null, null, sort, TaskFilter.SORT_FIELDS, TaskFilter.DEFAULT_SORT);
        TaskFilter filter = filter(year, category, status, unitId, unitRole, leaderId, deadlineFrom, deadlineTo, q, light,
                period);
        TaskExport.Plan plan = export.plan(filter, order, sort, as, RequestScope.actor());
        RoutingContext exchange = current.getCurrent();
        return Offload.work(() -> export.toFile(plan))
                .call(written -> export.recorded(plan, written).onFailure().invoke(() -> TaskExport.remove(written.file())))
                .map(written -> {
                    exchange.addEndHandler(ended -> TaskExport.remove(written.file()));
                    return Response.ok(written.file().toFile(), as.mediaType)
                            .header("Content-Disposition", plan.contentDisposition()).build();
                });
    }

    private TaskFilter filter(Integer year, TaskCategoryDto category, TaskStatusDto status, UUID unitId,
            UnitRoleDto unitRole, UUID leaderId, LocalDate deadlineFrom, LocalDate deadlineTo, String q, LightDto light,
            String period) {
        return new TaskFilter(year, category == null ? null : TaskCategory.valueOf(category.toString()),
                status == null ? null : TaskStatus.valueOf(status.toString()), unitId,
                unitRole == null ? null : TaskFilter.UnitRole.valueOf(unitRole.toString()), leaderId, deadlineFrom,
                deadlineTo, q, light == null ? null : light.toString(),
                period != null ? period : YearMonth.now(clock).toString());
    }

    @Override
    public Uni<Response> createTask(KeyTaskInputDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createTask", input,
                () -> tasks.create(mapper.details(input)).map(view -> idempotency.answer(201, mapper.dto(view),
                        PATH + view.id(), ETags.of(view.version()))));
    }

    @Override
    public Uni<Response> getTask(UUID taskId) {
        return tasks.get(taskId).map(this::task);
    }

    @Override
    public Uni<Response> updateTask(UUID taskId, String ifMatch, KeyTaskInputDto input) {
        long expected = ETags.required(ifMatch);
        return tasks.update(taskId, expected, mapper.details(input)).map(this::task);
    }

    @Override
    public Uni<Response> transitionTask(UUID taskId, String ifMatch, TaskTransitionDto input) {
        long expected = ETags.required(ifMatch);
        return tasks.transition(taskId, expected, TaskAction.valueOf(input.getAction().toString()), input.getNote())
                .map(this::task);
    }

    @Override
    public Uni<Response> setTaskSite(UUID taskId, String ifMatch, TaskSiteDto input) {
        long expected = ETags.required(ifMatch);
        return tasks.placeAt(taskId, expected, mapper.site(input)).map(this::task);
    }

    @Override
    public Uni<Response> listSubItems(UUID taskId) {
        return breakdown.list(taskId).map(items -> Response.ok(items.stream().map(mapper::dto).toList()).build());
    }

    @Override
    public Uni<Response> createSubItem(UUID taskId, SubItemInputDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createSubItem " + taskId, input,
                () -> breakdown.create(taskId, mapper.details(input)).map(view -> idempotency.answer(201, mapper.dto(view),
                        PATH + taskId + "/sub-items/" + view.id(), ETags.of(view.version()))));
    }

    @Override
    public Uni<Response> updateSubItem(UUID taskId, UUID subItemId, String ifMatch, SubItemInputDto input) {
        long expected = ETags.required(ifMatch);
        return breakdown.update(taskId, subItemId, expected, mapper.details(input))
                .map(view -> Response.ok(mapper.dto(view)).tag(Long.toString(view.version())).build());
    }

    @Override
    public Uni<Response> deleteSubItem(UUID taskId, UUID subItemId, String ifMatch) {
        long expected = ETags.required(ifMatch);
        return breakdown.remove(taskId, subItemId, expected).map(nothing -> Response.noContent().build());
    }

    @Override
    public Uni<Response> getTaskPlan(UUID taskId) {
        return breakdown.plan(taskId).map(plan -> Response.ok(mapper.dto(plan)).build());
    }

    @Override
    public Uni<Response> listAdjustments(UUID taskId) {
        return adjustments.list(taskId).map(found -> Response.ok(found.stream().map(mapper::dto).toList()).build());
    }

    @Override
    public Uni<Response> requestAdjustment(UUID taskId, AdjustmentInputDto input, String idempotencyKey) {
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "requestAdjustment " + taskId, input,
                () -> adjustments.request(taskId, input.getReason(), mapper.proposal(input))
                        .map(view -> idempotency.answer(201, mapper.dto(view), PATH + taskId + "/adjustments", null)));
    }

    @Override
    public Uni<Response> decideAdjustment(UUID taskId, UUID adjustmentId, AdjustmentDecisionDto input) {
        return adjustments.decide(taskId, adjustmentId, input.getApprove(), input.getNote())
                .map(view -> Response.ok(mapper.dto(view)).build());
    }

    @Override
    public Uni<Response> listTaskVersions(UUID taskId) {
        return adjustments.versions(taskId).map(found -> Response.ok(found.stream().map(mapper::dto).toList()).build());
    }

    @Override
    public Uni<Response> importTasks(java.io.File body) {
        return Offload.work(() -> imports.read(readAndDelete(body)))
                .chain(imports::declare)
                .map(created -> Response.ok(new ImportResultDto(created.size(), created.stream().map(mapper::summary).toList()))
                        .build());
    }

    @Override
    public Uni<Response> getImportTemplate() {
        int year = java.time.Year.now(clock).getValue();
        return Offload.work(() -> TaskSheet.template(year)).map(bytes -> Response.ok(bytes, XLSX)
                .header("Content-Disposition", "attachment; filename=\"key-task-template.xlsx\"").build());
    }

    /** The uploaded body, read from the temporary file the HTTP layer kept it in, which is then removed. */
    private static byte[] readAndDelete(java.io.File body) {
        try {
            return java.nio.file.Files.readAllBytes(body.toPath());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            body.delete();
        }
    }

    private Response task(TaskView view) {
        return Response.ok(mapper.dto(view)).tag(Long.toString(view.version())).build();
    }
}
