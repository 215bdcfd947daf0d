package cn.keywork.supervision.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A client that accepts JSON accepts problem bodies too: they are JSON documents. Without this, an
 * operation whose only body is a problem (a DELETE answering 204 or an error) would refuse a
 * client sending {@code Accept: application/json} with 406.
 */
@ApplicationScoped
public class ProblemNegotiation {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::widenAccept);
    }

    private void widenAccept(RoutingContext context) {
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("application/json") && !accept.contains(Problems.MEDIA_TYPE)) {
            context.request().headers().set(HttpHeaders.ACCEPT, accept + ", " + Problems.MEDIA_TYPE);
        }
        context.next();
    }
}
