package cn.keywork.supervision.progress.lights.rest;

import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.keywork.supervision.api.ProgressApi;
import cn.keywork.supervision.progress.lights.domain.Dashboard;
import cn.keywork.supervision.progress.lights.service.LedgerService;
import cn.keywork.supervision.progress.lights.service.ProgressFigures;
import io.smallrye.mutiny.Uni;

/** Progress history and the dashboard over HTTP. */
public class ProgressResource implements ProgressApi {

    private final ProgressFigures figures;
    private final LedgerService ledgers;
    private final ProgressMapper mapper;
    private final Clock clock;
    private final ObjectMapper json;
    /**
     * Each dashboard as written, by instance: a dashboard the service keeps for a while (a province's
     * is some 60 kB of JSON) is answered to many readers and written once.
     */
    private final Cache<Dashboard, byte[]> written = Caffeine.newBuilder().weakKeys().maximumSize(500).build();

    ProgressResource(ProgressFigures figures, LedgerService ledgers, ProgressMapper mapper, Clock clock, ObjectMapper json) {
        this.json = json;
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
        return ledgers.dashboard(month, limit == null ? 10 : limit)
                .map(dashboard -> Response.ok(written.get(dashboard, this::write), MediaType.APPLICATION_JSON).build());
    }

    private byte[] write(Dashboard dashboard) {
        try {
            return json.writeValueAsBytes(mapper.dto(dashboard));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The dashboard could not be written as JSON", e);
        }
    }
}
