package cn.keywork.supervision.platform;

import static cn.keywork.supervision.support.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A fault test: the embedded PostgreSQL is killed (SIGKILL) under the running service, which answers
 * 503 meanwhile, starts it again on the same data and port, and has lost no acknowledged write.
 */
@QuarkusTest
@TestProfile(EmbeddedDatabaseRecoveryTest.LastingData.class)
class EmbeddedDatabaseRecoveryTest {

    /** A database kept on disk like the run command's (not the suite's throw-away one), so that it restarts on its data. */
    public static class LastingData implements QuarkusTestProfile {
        /** Under target/, so that the build's clean removes it; a later run starts on it again. */
        private static final Path DATA = Path.of("target", "recovery-test", "pgdata").toAbsolutePath();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("supervision.database.embedded.ephemeral", "false",
                    "supervision.database.embedded.data-dir", DATA.toString());
        }
    }

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(90);

    @Test
    void a_killed_database_is_started_again_and_no_acknowledged_write_is_lost() {
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            acknowledged.add(create().then().statusCode(201).extract().path("id"));
        }
        Path data = Path.of(ConfigProvider.getConfig().getValue("supervision.database.embedded.data-dir", String.class));
        ProcessHandle postmaster = EmbeddedDatabase.postmasterOf(data).orElseThrow();
        postmaster.destroyForcibly();
        postmaster.onExit().join();

        Map<Integer, Integer> answers = new TreeMap<>();
        boolean unavailableSeen = false;
        boolean servingAgain = false;
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (!servingAgain && System.nanoTime() < deadline) {
            Response answer = create();
            answers.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 503) {
                unavailableSeen = true;
                assertThat(answer.header("Retry-After")).isNotBlank();
                assertThat(answer.contentType()).startsWith("application/problem+json");
            } else if (answer.statusCode() == 201) {
                acknowledged.add(answer.path("id"));
                servingAgain = unavailableSeen;
            }
        }

        assertThat(answers.keySet()).as("answers while the database was down: %s", answers).containsOnly(201, 503);
        assertThat(unavailableSeen).as("the outage was answered 503").isTrue();
        assertThat(servingAgain).as("serving again within %s", RECOVERY_LIMIT).isTrue();
        assertThat(EmbeddedDatabase.postmasterOf(data).filter(ProcessHandle::isAlive)).isPresent();
        for (String id : acknowledged) {
            api().when().get("/api/v1/units/" + id).then().statusCode(200);
        }
    }

    private static Response create() {
        String code = Api.uniqueCode("R");
        return api().body(Map.of("code", code, "name", "恢复测试单位" + code, "type", "MUNICIPAL_DEPARTMENT"))
                .when().post("/api/v1/units").then().extract().response();
    }
}
