package cn.keywork.supervision.web;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the contract itself at {@code /q/openapi}: the YAML is the committed file byte for byte
 * (a re-serialised document would change how YAML 1.1 parsers read its examples), and the JSON
 * form is that file converted node for node. Registered before SmallRye's own handler.
 */
@ApplicationScoped
public class ContractRoutes {

    static final String PATH = "/q/openapi";
    private static final String YAML_TYPE = "application/yaml;charset=UTF-8";
    private static final String JSON_TYPE = "application/json;charset=UTF-8";
    /** After the request id, problem negotiation, size limits and security headers; before SmallRye. */
    private static final int ORDER = Integer.MIN_VALUE + 10;

    void install(@Observes Router router) {
        Buffer yaml = Buffer.buffer(ContractDocument.bytes());
        Buffer json = Buffer.buffer(ContractDocument.json());
        router.get(PATH).order(ORDER).handler(context -> {
            if (wantsJson(context)) {
                answer(context, JSON_TYPE, json);
            } else {
                answer(context, YAML_TYPE, yaml);
            }
        });
        router.get(PATH + ".yaml").order(ORDER).handler(context -> answer(context, YAML_TYPE, yaml));
        router.get(PATH + ".yml").order(ORDER).handler(context -> answer(context, YAML_TYPE, yaml));
        router.get(PATH + ".json").order(ORDER).handler(context -> answer(context, JSON_TYPE, json));
    }

    /** As SmallRye decides: {@code format} first, then an {@code Accept} asking for JSON; YAML otherwise. */
    private static boolean wantsJson(RoutingContext context) {
        String format = context.request().getParam("format");
        if (format != null) {
            return format.equalsIgnoreCase("json");
        }
        String accept = context.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json")
                && !accept.toLowerCase(Locale.ROOT).contains("yaml");
    }

    private static void answer(RoutingContext context, String type, Buffer body) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, type).end(body);
    }
}
