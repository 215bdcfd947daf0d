package cn.keywork.supervision.progress.lights.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.LedgersApi;
import cn.keywork.supervision.api.model.ExportFormatDto;
import cn.keywork.supervision.api.model.LedgerCorrectionDto;
import cn.keywork.supervision.progress.lights.domain.LedgerPublished;
import cn.keywork.supervision.progress.lights.domain.LedgerState;
import cn.keywork.supervision.progress.lights.service.LedgerExport;
import cn.keywork.supervision.progress.lights.service.LedgerService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import cn.keywork.supervision.security.Offload;
import io.smallrye.mutiny.Uni;

/** The monthly ledger over HTTP. */
public class LedgerResource implements LedgersApi {

    private static final String PATH = "/api/v1/ledgers/";

    private final LedgerService ledgers;
    private final LedgerExport export;
    private final ProgressMapper mapper;
    private final Idempotency idempotency;
    private final CurrentVertxRequest request;
    private final Event<LedgerPublished> published;

    LedgerResource(LedgerService ledgers, LedgerExport export, ProgressMapper mapper, Idempotency idempotency,
            CurrentVertxRequest request, Event<LedgerPublished> published) {
        this.request = request;
        this.published = published;
        this.ledgers = ledgers;
        this.export = export;
        this.mapper = mapper;
        this.idempotency = idempotency;
    }

    @Override
    public Uni<Response> getLedger(String period, Integer version, Integer page, Integer size) {
        return ledgers.page(period, version, page == null ? 1 : page, size == null ? 20 : size).map(found -> {
            Response.ResponseBuilder answer = Response.ok(mapper.dto(found));
            return found.state() == null ? answer.build() : answer.tag(Long.toString(found.state().version())).build();
        });
    }

    @Override
    public Uni<Response> closeLedger(String period) {
        return ledgers.close(period).map(this::state);
    }

    @Override
    public Uni<Response> createLedgerVersion(String period, String ifMatch, LedgerCorrectionDto input, String idempotencyKey) {
        long expected = ETags.required(ifMatch);
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createLedgerVersion " + period, input,
                () -> ledgers.correct(period, expected, input.getReason())
                        .chain(version -> ledgers.state(period).map(state -> idempotency.answer(201, mapper.dto(version),
                                PATH + period + "?version=" + version.number(), ETags.of(state.version())))));
    }

    @Override
    public Uni<Response> listLedgerVersions(String period) {
        return ledgers.versions(period).map(found -> Response.ok(found.stream().map(mapper::dto).toList()).build());
    }

    @Override
    public Uni<Response> publishLedger(String period, String ifMatch) {
        long expected = ETags.required(ifMatch);
        return ledgers.publish(period, expected)
                .invoke(state -> published.fire(new LedgerPublished(period, state.publishedVersion())))
                .map(this::state);
    }

    /**
     * The rows are read from a cursor on a worker thread and written, batch by batch, to a private
     * scratch file, which is then sent as it lies on disk and removed when the answer ends: the heap
     * holds one batch at a time, whatever the number of rows.
     */
    @Override
    public Uni<Response> exportLedger(String period, ExportFormatDto format, Integer version) {
        ledgers.begun(period);
        Optional<UUID> scope = RequestScope.actor().unitScope();
        LedgerExport.Format as = format == ExportFormatDto.XLSX ? LedgerExport.Format.XLSX : LedgerExport.Format.CSV;
        RoutingContext exchange = request.getCurrent();
        return Offload.work(() -> {
            LedgerExport.Plan plan = export.plan(period, version, as, scope);
            return new Written(plan, export.toFile(plan));
        }).map(written -> {
            exchange.addEndHandler(ended -> LedgerExport.remove(written.file()));
            return Response.ok(written.file().toFile(), as.mediaType)
                    .header("Content-Disposition", written.plan().contentDisposition()).build();
        });
    }

    private record Written(LedgerExport.Plan plan, java.nio.file.Path file) {
    }

    private Response state(LedgerState state) {
        return Response.ok(mapper.dto(state)).tag(Long.toString(state.version())).build();
    }
}
