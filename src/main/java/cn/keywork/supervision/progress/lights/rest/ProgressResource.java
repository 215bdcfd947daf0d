package cn.keywork.supervision.progress.lights.rest;

import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.ProgressApi;
import cn.keywork.supervision.progress.lights.service.LedgerService;
import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import io.smallrye.mutiny.Uni;

/** Progress history and the dashboard over HTTP. */
public class ProgressResource implements ProgressApi {

    private final ProgressFigures figures;
    private final LedgerService ledgers;
    private final ProgressMapper mapper;
    private final Clock clock;

    ProgressResource(ProgressFigures figures, LedgerService ledgers, ProgressMapper mapper, Clock clock) {
        this.figures = figures;
        this.ledgers = ledgers;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public Uni<Response> getProgressHistory(UUID taskId) {
        return figures.history(taskId).map(history -> Response.ok(mapper.dto(history)).build());
    }

    @Override
    public Uni<Response> getDashboard(String period, Integer limit) {
        String month = period != null ? period : YearMonth.now(clock).toString();
        return ledgers.dashboard(month, limit == null ? 10 : limit).map(dashboard -> Response.ok(mapper.dto(dashboard)).build());
    }
}
