package cn.keywork.supervision.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is well-formed, a new UUID
 * otherwise. The id is echoed on the response and put in the logging context of the request.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String CONTEXT_REQUEST_ID = "supervision.requestId";
    public static final String CONTEXT_CLIENT = "supervision.client";
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assign);
    }

    private void assign(RoutingContext context) {
        String id = accept(context.request().getHeader(HEADER));
        context.put(MDC_KEY, id);
        context.response().putHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(CONTEXT_REQUEST_ID, id);
            ContextLocals.put(CONTEXT_CLIENT, clientAddress(context));
        }
        context.next();
    }

    /** The peer's address; a proxy's forwarded-for header is honoured only when configured (quarkus.http.proxy). */
    private static String clientAddress(RoutingContext context) {
        var address = context.request().remoteAddress();
        return address == null ? null : address.hostAddress();
    }

    static String accept(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The id given to this request. */
    public static String of(HttpServerRequest request) {
        String id = request.response().headers().get(HEADER);
        return id != null ? id : (String) MDC.get(MDC_KEY);
    }
}
