package cn.keywork.supervision.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback port the test profile allow-lists: records every request and
 * answers the queued status codes, then 204.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received. */
    public record Received(String id, String timestamp, String signature, String contentType, String host, String body) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();

    public Receiver(int port, Integer... answers) throws IOException {
        this.answers.addAll(List.of(answers));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int status;
                synchronized (this) {
                    var headers = exchange.getRequestHeaders();
                    received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                            headers.getFirst("webhook-signature"), headers.getFirst("content-type"),
                            headers.getFirst("host"), body));
                    status = this.answers.isEmpty() ? 204 : this.answers.poll();
                }
                exchange.sendResponseHeaders(status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static Map<String, Object> subscription(String url, String... types) {
        return Map.of("url", url, "eventTypes", List.of(types));
    }
}
