package cn.keywork.supervision.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers what no resource handles with a problem body instead of the HTTP layer's plain text,
 * HTML or empty body: unknown addresses (404) and declared bodies over the size limit (413, refused
 * before a byte of the body is read; a chunked body over the limit is still cut off by the HTTP layer).
 */
@ApplicationScoped
public class FallbackRoutes {

    private final long maxBodySize;

    FallbackRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::refuseOversizedBody);
        router.route().last().handler(context -> write(context, ProblemType.NOT_FOUND,
                "Nothing is at " + Excerpts.of(context.request().path()) + "."));
    }

    private void refuseOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBodySize) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(context, ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the service accepts (" + maxBodySize + " bytes).");
            return;
        }
        context.next();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(RoutingContext context, ProblemType type, String detail) {
        if (context.response().ended()) {
            return;
        }
        String body = Json.encode(Problems.body(type, detail, List.of(), context.request().path(),
                RequestIds.of(context.request())));
        context.response()
                .setStatusCode(type.status())
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(body);
    }
}
