package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A PostgreSQL server of its own, standing in for the city's database server in production. */
public class ExternalDatabase implements QuarkusTestResourceLifecycleManager {

    static int port;
    private EmbeddedPostgres server;

    @Override
    public Map<String, String> start() {
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("external-pg-"))
                    .setCleanDataDirectory(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = server.getPort();
        String address = "localhost:" + port + "/postgres";
        // Only the reactive address: the migrations' JDBC address is derived from it.
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://" + address,
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "unused");
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
