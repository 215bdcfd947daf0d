package cn.keywork.supervision.event.rest;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import cn.keywork.supervision.api.model.EventTypeDto;
import cn.keywork.supervision.event.service.EventFeed;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.RequestScope;
import io.smallrye.mutiny.Multi;

/**
 * The live stream of the event feed ({@code streamEvents} in the contract). Not the generated
 * interface: a stream of Server-Sent Events is a {@link Multi}, which the generated
 * {@code Uni<Response>} signature cannot carry; the parameters and their checks are the contract's.
 */
@Path("/api/v1/events/stream")
public class EventStreamResource {

    private static final String CURSOR = "^(0|[0-9]{1,20}-[0-9]{1,19})$";

    private final EventFeed feed;

    EventStreamResource(EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> streamEvents(
            @QueryParam("after") @Pattern(regexp = CURSOR) @Size(max = 48) String after,
            @QueryParam("types") @Size(max = 60) List<EventTypeDto> types,
            @HeaderParam("Last-Event-ID") @Size(max = 48) String lastEventId,
            @Context Sse sse) {
        SupervisionConfig.Events settings = feed.settings();
        String from = lastEventId != null && !lastEventId.isBlank() ? lastEventId.trim() : after;
        Multi<OutboundSseEvent> opening = Multi.createFrom().item(sse.newEventBuilder()
                .comment("stream open").reconnectDelay(2000).build());
        Multi<OutboundSseEvent> events = feed.follow(RequestScope.actor(), from, EventResource.typeNames(types))
                .map(event -> sse.newEventBuilder().id(event.cursor()).name(event.type())
                        .data(String.class, event.json()).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(settings.streamHeartbeat())
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        Duration open = settings.streamDuration();
        return Multi.createBy().concatenating().streams(opening,
                Multi.createBy().merging().streams(events, heartbeats).select().first(open));
    }
}
