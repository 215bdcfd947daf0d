package cn.keywork.supervision.security;

import cn.keywork.supervision.web.RequestIds;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;

/**
 * What the current request carries for services and the audit trail: its actor, request id and
 * client address, kept on the request's Vert.x context so they follow the reactive pipeline.
 */
public final class RequestScope {

    private static final String ACTOR = "supervision.actor";

    private RequestScope() {
    }

    /** The acting account; the service itself outside requests. */
    public static Actor actor() {
        if (!onRequestContext()) {
            return Actor.SYSTEM;
        }
        return ContextLocals.<Actor>get(ACTOR).orElse(Actor.ANONYMOUS);
    }

    public static String requestId() {
        return onRequestContext() ? ContextLocals.<String>get(RequestIds.CONTEXT_REQUEST_ID).orElse(null) : null;
    }

    public static String clientAddress() {
        return onRequestContext() ? ContextLocals.<String>get(RequestIds.CONTEXT_CLIENT).orElse(null) : null;
    }

    public static void setActor(Actor actor) {
        ContextLocals.put(ACTOR, actor);
    }

    private static boolean onRequestContext() {
        return VertxContext.isOnDuplicatedContext() && ContextLocals.get(RequestIds.CONTEXT_REQUEST_ID).isPresent();
    }
}
