package cn.keywork.supervision.cycle.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.CyclesApi;
import cn.keywork.supervision.api.model.CycleRunDto;
import cn.keywork.supervision.api.model.CycleRunPageDto;
import cn.keywork.supervision.api.model.CycleRunStatusDto;
import cn.keywork.supervision.api.model.CycleStepDto;
import cn.keywork.supervision.api.model.CycleStepStatusDto;
import cn.keywork.supervision.api.model.CycleTriggerDto;
import cn.keywork.supervision.api.model.CycleTypeDto;
import cn.keywork.supervision.cycle.domain.CycleRun;
import cn.keywork.supervision.cycle.domain.CycleRunStatus;
import cn.keywork.supervision.cycle.domain.CycleStepRow;
import cn.keywork.supervision.cycle.domain.CycleTrigger;
import cn.keywork.supervision.cycle.domain.CycleType;
import cn.keywork.supervision.cycle.service.CycleEngine;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** The cycles over HTTP: maps the contract to the engine. */
public class CycleResource implements CyclesApi {

    private static final Set<String> NO_SORT = Set.of("startedAt");

    private final CycleEngine engine;
    private final ZoneId zone;

    CycleResource(CycleEngine engine, SupervisionConfig config) {
        this.engine = engine;
        this.zone = config.timeZone();
    }

    @Override
    public Uni<Response> getCycleRun(CycleTypeDto type, String period) {
        return engine.get(CycleType.valueOf(type.toString()), period).map(run -> Response.ok(dto(run)).build());
    }

    @Override
    public Uni<Response> startCycleRun(CycleTypeDto type, String period, Boolean dryRun) {
        CycleType cycle = CycleType.valueOf(type.toString());
        if (Boolean.TRUE.equals(dryRun)) {
            return engine.dryRun(cycle, period).map(done -> Response.ok(dto(done)).build());
        }
        // A run is the office's decision, not the request's: it goes on when the client leaves or the
        // connection idles out, instead of rolling back the step under way.
        CompletableFuture<CycleRun> running = engine.start(cycle, period, CycleTrigger.MANUAL).subscribeAsCompletionStage();
        return Uni.createFrom().<CycleRun>emitter(answer -> running.whenComplete((done, failure) -> {
            if (failure != null) {
                answer.fail(failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure);
            } else {
                answer.complete(done);
            }
        })).map(done -> Response.ok(dto(done)).build());
    }

    @Override
    public Uni<Response> listCycleRuns(CycleTypeDto type, CycleRunStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "-startedAt");
        return engine.history(type == null ? null : CycleType.valueOf(type.toString()),
                status == null ? null : CycleRunStatus.valueOf(status.toString()), request)
                .map(found -> Response.ok(page(found)).build());
    }

    private CycleRunPageDto page(Page<CycleRun> page) {
        return new CycleRunPageDto().items(page.map(this::dto)).page(page.request().page()).size(page.request().size())
                .total(page.total());
    }

    private CycleRunDto dto(CycleRun run) {
        return new CycleRunDto().type(CycleTypeDto.fromValue(run.type().name())).period(run.period())
                .status(run.status() == null ? null : CycleRunStatusDto.fromValue(run.status().name()))
                .trigger(CycleTriggerDto.fromValue(run.trigger().name())).startedAt(time(run.startedAt()))
                .finishedAt(time(run.finishedAt())).owner(run.owner()).leaseUntil(time(run.leaseUntil()))
                .attempts(run.attempts()).error(run.error()).dryRun(run.dryRun())
                .steps(run.steps().stream().map(this::step).toList());
    }

    private CycleStepDto step(CycleStepRow step) {
        return new CycleStepDto().number(step.number()).name(step.name())
                .status(CycleStepStatusDto.fromValue(step.status().name())).notBefore(time(step.notBefore()))
                .startedAt(time(step.startedAt())).finishedAt(time(step.finishedAt())).durationMs(step.durationMs())
                .counts(step.counts()).error(step.error());
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
