package cn.keywork.supervision.examples;

import static cn.keywork.supervision.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;


import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import cn.keywork.supervision.webhook.Receiver;
import cn.keywork.supervision.webhook.service.WebhookWorker;
import jakarta.inject.Inject;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The README's Python example, run as it is printed there (standard library only): it signs in
 * with a service account, follows the feed from the beginning and verifies a webhook signature.
 * Skipped where no {@code python3} is installed.
 */
@QuarkusTest
class ReadmePythonExampleTest {

    private static final String BEGIN = "<!-- python-example:start -->\n```python\n";
    private static final String END = "```\n<!-- python-example:end -->";

    private static Path script;

    @Inject
    WebhookWorker worker;

    @BeforeAll
    static void extractTheScript() throws IOException, InterruptedException {
        Assumptions.assumeTrue(pythonAvailable(), "python3 is not installed");
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme).contains(BEGIN, END);
        String code = readme.substring(readme.indexOf(BEGIN) + BEGIN.length(), readme.indexOf(END));
        script = Files.createTempDirectory("readme-python").resolve("follow.py");
        Files.writeString(script, code);
    }

    @Test
    void the_script_signs_in_with_a_service_account_and_follows_the_feed_from_the_beginning() throws Exception {
        String unit = Units.registerId(Api.uniqueCode("PY"), "脚本示例单位");
        String taskId = SlipFixtures.task(unit, null);
        JsonPath account = as("ADMIN").body(Map.of("name", "考核办数据同步 " + UUID.randomUUID().toString().substring(0, 6),
                "role", "ASSESSMENT")).post("/api/v1/service-accounts").then().statusCode(201).extract().jsonPath();

        Result result = run(Map.of("SUPERVISION_CLIENT_ID", account.getString("clientId"),
                "SUPERVISION_CLIENT_SECRET", account.getString("clientSecret")), "follow", "--once", "task.registered");

        assertThat(result.exit()).as(result.errors()).isZero();
        List<String> lines = result.output().lines().toList();
        Set<String> ids = new HashSet<>();
        List<String> objects = new ArrayList<>();
        for (String line : lines) {
            JsonPath event = JsonPath.from(line);
            assertThat(event.getString("type")).isEqualTo("task.registered");
            assertThat(ids.add(event.getString("id"))).isTrue();
            objects.add(event.getString("objectId"));
        }
        assertThat(objects).contains(taskId);
        int total = as("OFFICE").queryParam("types", "task.registered").queryParam("limit", 1000).get("/api/v1/events")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
        assertThat(lines.size()).isGreaterThanOrEqualTo(Math.min(total, 1000));
    }

    @Test
    void the_script_verifies_the_signature_of_a_real_delivery_and_refuses_a_tampered_body() throws Throwable {
        String unit = Units.registerId(Api.uniqueCode("PYW"), "推送示例单位");
        JsonPath account = as("ADMIN").body(Map.of("name", "推送示例 " + UUID.randomUUID().toString().substring(0, 6),
                "role", "ASSESSMENT")).post("/api/v1/service-accounts").then().statusCode(201).extract().jsonPath();
        // client ids and secrets are base64url: nothing to encode in the form
        String token = Api.anonymous().contentType(ContentType.URLENC.withCharset(java.nio.charset.StandardCharsets.UTF_8))
                .body("grant_type=client_credentials&client_id=" + account.getString("clientId") + "&client_secret="
                        + account.getString("clientSecret"))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        try (Receiver receiver = new Receiver(18461)) {
            JsonPath webhook = Api.anonymous().auth().oauth2(token)
                    .body(Map.of("url", receiver.url(), "eventTypes", List.of("task.registered")))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
            String taskId = SlipFixtures.task(unit, null);
            Receiver.Received delivery = null;
            for (int i = 0; i < 300 && delivery == null; i++) {
                VertxContextSupport.subscribeAndAwait(() -> worker.run(UUID.fromString(webhook.getString("id"))));
                delivery = receiver.received().stream().filter(r -> r.body().contains(taskId)).findFirst().orElse(null);
                Thread.sleep(30);
            }
            assertThat(delivery).as("the receiver got the task's event").isNotNull();
            Path headers = Files.createTempFile(script.getParent(), "headers", ".json");
            Files.writeString(headers, "{\"Webhook-Id\":\"" + delivery.id() + "\",\"Webhook-Timestamp\":\""
                    + delivery.timestamp() + "\",\"Webhook-Signature\":\"" + delivery.signature() + "\"}");
            Path body = Files.createTempFile(script.getParent(), "body", ".json");
            Files.writeString(body, delivery.body());

            Result valid = run(Map.of(), "verify", webhook.getString("secret"), headers.toString(), body.toString());
            assertThat(valid.output().trim()).as(valid.errors()).isEqualTo("valid");
            assertThat(valid.exit()).isZero();

            Files.writeString(body, delivery.body().replace(taskId, UUID.randomUUID().toString()));
            Result tampered = run(Map.of(), "verify", webhook.getString("secret"), headers.toString(), body.toString());
            assertThat(tampered.output().trim()).isEqualTo("invalid");
            assertThat(tampered.exit()).isEqualTo(1);
        }
    }

    private record Result(int exit, String output, String errors) {
    }

    private static Result run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("SUPERVISION_URL", RestAssured.baseURI + ":" + RestAssured.port);
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(script.getParent(), "out", ".txt");
        Path err = Files.createTempFile(script.getParent(), "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static boolean pythonAvailable() throws InterruptedException {
        try {
            return new ProcessBuilder("python3", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
