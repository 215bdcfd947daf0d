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
 * HTML or empty body: unknown addresses (404), declared bodies over the size limit (413, refused
 * before a byte of the body is read; a chunked body over the limit is still cut off by the HTTP layer),
 * overlong addresses (414), oversized headers (431) and malformed addresses (400).
 */
@ApplicationScoped
public class FallbackRoutes {

    /** Longest request target (path and query) answered; the contract's longest query needs far less. */
    static final int MAX_URI_LENGTH = 4096;
    /** Largest sum of request headers answered, in bytes. */
    static final int MAX_HEADER_SIZE = 20 * 1024;

    /** Where bodies are large by nature (evidence uploads); every other body is held to the smaller limit. */
    private static final java.util.regex.Pattern UPLOADS = java.util.regex.Pattern
            .compile("^/api/v1/tasks/[^/]+/reports/[^/]+/attachments/?$");
    /** The key under which the HTTP layer reads the limit for a body without Content-Length. */
    private static final String REQUEST_SIZE_LIMIT = "io.quarkus.max-request-size";

    private final long maxBodySize;
    private final long maxOtherBodySize;

    FallbackRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "supervision.http.max-body-size", defaultValue = "10M") MemorySize maxOtherBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
        this.maxOtherBodySize = Math.min(this.maxBodySize, maxOtherBodySize.asLongValue());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::refuseOversizedRequest);
        // After the HTTP layer has set its own (global) limit for bodies sent without a length:
        // lower it for everything but uploads, so a chunked JSON body is cut off at the smaller limit too.
        router.route().order(-1).handler(context -> {
            if (!isUpload(context) && context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
                context.put(REQUEST_SIZE_LIMIT, maxOtherBodySize);
            }
            context.next();
        });
        router.route().last().handler(context -> write(context, ProblemType.NOT_FOUND,
                WebMessage.PATH_NOT_FOUND, Excerpts.of(context.request().path())));
        // Failures the router itself answers with a bare status get a problem body too.
        router.errorHandler(400, context -> write(context, ProblemType.BAD_REQUEST,
                WebMessage.NOT_READABLE));
        router.errorHandler(414, context -> uriTooLong(context));
        router.errorHandler(431, context -> headersTooLarge(context));
    }

    /**
     * The address and the headers are held to the limits below here, so that the answer is a
     * problem; the HTTP codec's own limits (quarkus.http.limits.max-initial-line-length and
     * max-header-size) sit higher and only cut off what is far beyond, without a body.
     */
    private void refuseOversizedRequest(RoutingContext context) {
        if (context.request().uri().length() > MAX_URI_LENGTH) {
            uriTooLong(context);
            return;
        }
        if (!wellFormed(context.request().uri())) {
            malformedAddress(context);
            return;
        }
        if (headerSize(context) > MAX_HEADER_SIZE) {
            headersTooLarge(context);
            return;
        }
        refuseOversizedBody(context);
    }

    /** The check the HTTP layer would make (it is turned off at start, see platform.Main), with a problem as answer. */
    private static boolean wellFormed(String uri) {
        try {
            new java.net.URI(uri);
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static void malformedAddress(RoutingContext context) {
        write(context, ProblemType.BAD_REQUEST, WebMessage.ADDRESS_MALFORMED);
    }

    private static void uriTooLong(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        write(context, ProblemType.URI_TOO_LONG, WebMessage.ADDRESS_TOO_LONG, MAX_URI_LENGTH);
    }

    private static void headersTooLarge(RoutingContext context) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        write(context, ProblemType.HEADERS_TOO_LARGE, WebMessage.HEADERS_TOO_LARGE, MAX_HEADER_SIZE);
    }

    private static long headerSize(RoutingContext context) {
        long size = 0;
        for (var header : context.request().headers()) {
            size += header.getKey().length() + header.getValue().length() + 4;
        }
        return size;
    }

    private void refuseOversizedBody(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = isUpload(context) ? maxBodySize : maxOtherBodySize;
        if (length != null && declaredLength(length) > limit) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(context, ProblemType.PAYLOAD_TOO_LARGE, WebMessage.BODY_LARGER_THAN, limit);
            return;
        }
        context.next();
    }

    private static boolean isUpload(RoutingContext context) {
        return context.request().method() == io.vertx.core.http.HttpMethod.POST && UPLOADS.matcher(context.request().path()).matches();
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void write(RoutingContext context, ProblemType type, WebMessage detail, Object... arguments) {
        if (context.response().ended() || context.response().headWritten()) {
            return;
        }
        java.util.Locale locale = ProblemAnswers.locale(context.request());
        String text = ProblemCatalog.text(locale, detail, java.util.Arrays.stream(arguments).map(String::valueOf).toList());
        String body = Json.encode(Problems.body(type, locale, text, List.of(), Excerpts.of(context.request().path()),
                RequestIds.of(context.request())));
        context.response()
                .setStatusCode(type.status())
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .putHeader("Content-Language", ProblemCatalog.tag(locale))
                .end(body);
    }
}
