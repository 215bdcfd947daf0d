package cn.keywork.supervision.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * What the request validator does not check: every header an answer carries, other than the
 * HTTP layer's own, is declared on that answer in the contract; and which statuses of which
 * operation were seen, so that a test can require every operation to be exercised.
 */
public final class ContractCheck implements Filter {

    /** Headers of the HTTP layer, the same on every answer, that the contract does not repeat. */
    static final Set<String> STANDARD = Set.of("content-type", "content-length", "date", "cache-control",
            "x-content-type-options", "vary", "transfer-encoding", "connection", "keep-alive", "content-encoding",
            "server", "pragma", "expires");

    public static final ContractCheck INSTANCE = new ContractCheck();

    /** An operation of the contract: its id, method and path template. */
    public record Operation(String id, String method, String template, Pattern pattern, JsonNode definition) {
    }

    private final JsonNode contract;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Set<Integer>> seen = new ConcurrentHashMap<>();

    private ContractCheck() {
        try {
            contract = new ObjectMapper(new YAMLFactory()).readTree(new File(Api.CONTRACT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (method.getValue().has("operationId")) {
                String regex = "^" + path.getKey().replaceAll("\\{[^}]+}", "[^/]+") + "$";
                operations.add(new Operation(method.getValue().get("operationId").asText(), method.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(), Pattern.compile(regex), method.getValue()));
            }
        }));
        // A literal segment wins over a parameter (/tasks/import before /tasks/{taskId}).
        operations.sort(Comparator.comparingLong(operation -> operation.template().chars().filter(c -> c == '{').count()));
    }

    public JsonNode contract() {
        return contract;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /** Statuses seen per operation id. */
    public Map<String, Set<Integer>> seen() {
        Map<String, Set<Integer>> copy = new LinkedHashMap<>();
        seen.forEach((id, statuses) -> copy.put(id, new TreeSet<>(statuses)));
        return copy;
    }

    /**
     * Sends {@code method target} as raw HTTP/1.1, for addresses no HTTP client would build (a
     * broken percent-encoding); the answer is checked as any other. Returns the status.
     */
    public int raw(String method, String target, String token, String contentType, String body) {
        java.net.URI root = java.net.URI.create(io.restassured.RestAssured.baseURI);
        int port = io.restassured.RestAssured.port;
        byte[] content = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(root.getHost()).append("\r\nConnection: close\r\nAccept: application/json, application/problem+json\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        String answer;
        try (java.net.Socket socket = new java.net.Socket(root.getHost(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int split = answer.indexOf("\r\n\r\n");
        String[] lines = answer.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String responseBody = answer.substring(split + 4);
        com.atlassian.oai.validator.model.SimpleResponse.Builder response = com.atlassian.oai.validator.model.SimpleResponse.Builder
                .status(status).withBody(responseBody);
        List<Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            response.withHeader(name, value);
            headers.add(new Header(name, value));
        }
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        var report = VALIDATOR.validateResponse(path, com.atlassian.oai.validator.model.Request.Method.valueOf(method),
                response.build());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + target + " answered against the contract: " + report);
        }
        check(method, path, status, headers);
        return status;
    }

    /** The contract's own judgement of an answer {@code operation} could give; empty when it fits. */
    public String judge(Operation operation, int status, String mediaType, String body) {
        String path = operation.template().replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString());
        var report = VALIDATOR.validateResponse(path, com.atlassian.oai.validator.model.Request.Method.valueOf(operation.method()),
                com.atlassian.oai.validator.model.SimpleResponse.Builder.status(status).withContentType(mediaType).withBody(body).build());
        return report.hasErrors() ? report.toString() : "";
    }

    /** The contract's own judgement of a JSON request; empty when it fits. */
    public String judgeRequest(String method, String path, String body) {
        var report = VALIDATOR.validateRequest(new com.atlassian.oai.validator.model.SimpleRequest.Builder(method, path)
                .withContentType("application/json").withHeader("If-Match", "\"1\"")
                .withHeader("Authorization", "Bearer x").withBody(body).build());
        return report.hasErrors() ? report.toString() : "";
    }

    private static final com.atlassian.oai.validator.OpenApiInteractionValidator VALIDATOR =
            com.atlassian.oai.validator.OpenApiInteractionValidator.createForSpecificationUrl(Api.CONTRACT).build();

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        Response answer = context.next(request, response);
        String path = java.net.URI.create(request.getURI()).getRawPath();
        List<Header> headers = new ArrayList<>();
        answer.headers().forEach(headers::add);
        check(request.getMethod(), path, answer.statusCode(), headers);
        return answer;
    }

    private void check(String method, String path, int status, List<Header> headers) {
        Operation operation = operations.stream()
                .filter(candidate -> candidate.method().equals(method) && candidate.pattern().matcher(path).matches())
                .findFirst().orElse(null);
        if (operation == null) {
            return;
        }
        seen.computeIfAbsent(operation.id(), id -> ConcurrentHashMap.newKeySet()).add(status);
        JsonNode declared = resolve(operation.definition().path("responses").path(String.valueOf(status)));
        Set<String> declaredHeaders = new TreeSet<>();
        declared.path("headers").fieldNames().forEachRemaining(name -> declaredHeaders.add(name.toLowerCase(Locale.ROOT)));
        List<String> undeclared = new ArrayList<>();
        if (declared.isMissingNode() && !operation.definition().path("responses").has("default")) {
            throw new AssertionError(method + " " + path + " answered " + status + ", a status the contract does not declare ("
                    + operation.id() + ")");
        }
        for (Header header : headers) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            if (!STANDARD.contains(name) && !name.startsWith("access-control-") && !declaredHeaders.contains(name)) {
                undeclared.add(header.getName());
            }
        }
        if (!declared.isMissingNode() && !undeclared.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + status + " with headers the contract does not declare there ("
                    + operation.id() + "): " + undeclared);
        }
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? resolve(contract.at(node.get("$ref").asText().substring(1))) : node;
    }
}
