package cn.keywork.supervision.event.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.EventsApi;
import cn.keywork.supervision.api.model.EventTypeDto;
import cn.keywork.supervision.event.domain.FeedEvent;
import cn.keywork.supervision.event.service.EventFeed;
import cn.keywork.supervision.security.RequestScope;
import io.smallrye.mutiny.Uni;

/** The event feed: the page is assembled from the events' JSON as the database rendered it. */
public class EventResource implements EventsApi {

    private final EventFeed feed;

    EventResource(EventFeed feed) {
        this.feed = feed;
    }

    @Override
    public Uni<Response> listEvents(String after, List<EventTypeDto> types, Integer limit) {
        return feed.page(RequestScope.actor(), after, typeNames(types), limit == null ? 100 : limit)
                .map(page -> {
                    StringBuilder body = new StringBuilder(256 + page.events().size() * 512).append("{\"items\":[");
                    for (int i = 0; i < page.events().size(); i++) {
                        FeedEvent event = page.events().get(i);
                        body.append(i == 0 ? "" : ",").append(event.json());
                    }
                    // A cursor is digits and one hyphen: nothing to escape.
                    body.append("],\"nextCursor\":\"").append(page.next()).append("\"}");
                    return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
                });
    }

    static List<String> typeNames(List<EventTypeDto> types) {
        return types == null ? List.of() : types.stream().map(EventTypeDto::toString).distinct().toList();
    }
}
