package cn.keywork.supervision.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;

/**
 * Headers every answer carries: no content sniffing, and no caching of anything authenticated. The
 * public disclosure is the same for everyone, so its answers keep the caching they declare even
 * when a token is sent along.
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 3).handler(context -> {
            boolean authenticated = context.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
            context.addHeadersEndHandler(nothing -> {
                context.response().putHeader("X-Content-Type-Options", "nosniff");
                String path = context.request().path();
                if ((authenticated && !path.startsWith("/api/v1/public/")) || path.startsWith("/api/v1/auth/")) {
                    context.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
                }
            });
            context.next();
        });
    }
}
