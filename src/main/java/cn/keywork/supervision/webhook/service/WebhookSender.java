package cn.keywork.supervision.webhook.service;

import java.net.InetAddress;
import java.time.Duration;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.webhook.domain.Attempt;
import cn.keywork.supervision.webhook.domain.WebhookTarget;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * POSTs one signed delivery to the address its host was resolved to and checked against (the URL's
 * host still names the request: Host header, TLS server name and certificate check), within
 * {@code supervision.webhooks.timeout}. Never fails: a network error or a timeout is an attempt
 * without a status code.
 */
@ApplicationScoped
public class WebhookSender {

    private final HttpClient client;
    private final Duration timeout;

    WebhookSender(Vertx vertx, SupervisionConfig config) {
        this.timeout = config.webhooks().timeout();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setVerifyHost(true)
                .setKeepAlive(false)
                .setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** The headers of one attempt, in order. */
    public record Headers(String id, long timestamp, String signature) {
    }

    public Uni<Attempt> send(WebhookTarget target, InetAddress address, Headers headers, String body) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.requestUri())
                .setFollowRedirects(false)
                .setConnectTimeout(timeout.toMillis())
                .setIdleTimeout(timeout.toMillis())
                .putHeader("content-type", "application/json")
                .putHeader("webhook-id", headers.id())
                .putHeader("webhook-timestamp", Long.toString(headers.timestamp()))
                .putHeader("webhook-signature", headers.signature());
        long started = System.nanoTime();
        return Uni.createFrom().completionStage(() -> client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> {
                    response.handler(ignored -> {
                    });
                    return response.end().map(nothing -> response.statusCode());
                })
                .toCompletionStage())
                .ifNoItem().after(timeout.plusSeconds(1)).fail()
                .map(status -> new Attempt(status, null, elapsed(started)))
                .onFailure().recoverWithItem(failure -> new Attempt(null, describe(failure), elapsed(started)));
    }

    private static int elapsed(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
