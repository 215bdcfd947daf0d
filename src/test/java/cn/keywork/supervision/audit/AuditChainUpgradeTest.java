package cn.keywork.supervision.audit;

import static cn.keywork.supervision.support.Api.anonymous;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A database of the release before the keyed chain, with SHA-256 chained events and a pruning:
 * after the upgrade its events still verify, and the keyed chain continues from them.
 */
@QuarkusTest
@TestProfile(AuditChainUpgradeTest.Upgraded.class)
class AuditChainUpgradeTest {

    static final String PRUNED_ANCHOR = "ab".repeat(32);

    public static class Upgraded implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreviousRelease.class));
        }
    }

    /** A database migrated to the previous release's schema, holding three events of that release. */
    public static class PreviousRelease implements QuarkusTestResourceLifecycleManager {

        private EmbeddedPostgres server;

        @Override
        public Map<String, String> start() {
            try {
                server = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("upgrade-pg-"))
                        .setCleanDataDirectory(true).start();
                String jdbc = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
                Flyway.configure().dataSource(jdbc, "postgres", "").locations("classpath:db/migration").target("7").load().migrate();
                try (Connection connection = DriverManager.getConnection(jdbc, "postgres", "")) {
                    writePreviousReleaseEvents(connection);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.reactive.url", "postgresql://localhost:" + server.getPort() + "/postgres",
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "unused");
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

    @Inject
    Pool database;

    @Test
    void events_of_the_previous_release_still_verify_and_the_keyed_chain_continues_from_them() {
        String auditor = TestAccounts.token("AUDITOR");
        List<Row> events = new ArrayList<>();
        database.query("SELECT seq, chain_version, action, prev_hash FROM audit_event ORDER BY seq").execute().await().indefinitely()
                .forEach(events::add);
        assertThat(events.subList(0, 3)).extracting(row -> row.getLong("seq")).containsExactly(1L, 2L, 3L);
        assertThat(events.subList(0, 3)).extracting(row -> row.getInteger("chain_version")).containsOnly(1);
        assertThat(events.get(3).getString("action")).isEqualTo(AuditTrail.KEYED_ACTION);
        assertThat(events.get(3).getInteger("chain_version")).isEqualTo(2);
        assertThat(events.subList(3, events.size())).extracting(row -> row.getInteger("chain_version")).containsOnly(2);

        anonymous().auth().oauth2(auditor).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true))
                .body("firstSeq", equalTo(1))
                .body("checked", equalTo(events.size()));
    }

    @Test
    void an_old_event_forged_and_rechained_with_sha256_no_longer_fits_the_keyed_chain() {
        String auditor = TestAccounts.token("AUDITOR");
        rewriteOldEvents("mallory");
        try {
            anonymous().auth().oauth2(auditor).get("/api/v1/audit/verify").then().statusCode(200)
                    .body("intact", equalTo(false))
                    .body("findings.kind", hasItem("ALTERED"))
                    .body("findings[0].seq", equalTo(4));
        } finally {
            rewriteOldEvents("admin");
        }
        anonymous().auth().oauth2(auditor).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    /**
     * As the previous release allowed anyone with database rights: rewrite the first old event and
     * chain the old events again, linking the "chain keyed" event to the new hashes.
     */
    private void rewriteOldEvents(String firstActor) {
        Instant at = Instant.parse("2026-01-05T08:00:00Z");
        String first = sha256(PRUNED_ANCHOR, at, firstActor, "UNIT_CREATED", null);
        String second = sha256(first, at.plusSeconds(60), "system", "AUDIT_PRUNED", prunedDetail());
        String third = sha256(second, at.plusSeconds(120), "admin", "LOGIN_SUCCEEDED", null);
        database.withTransaction(connection -> connection.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update").execute()
                .chain(() -> connection.query("UPDATE audit_event SET actor = '" + firstActor + "', hash = '" + first + "' WHERE seq = 1").execute())
                .chain(() -> connection.query("UPDATE audit_event SET prev_hash = '" + first + "', hash = '" + second + "' WHERE seq = 2").execute())
                .chain(() -> connection.query("UPDATE audit_event SET prev_hash = '" + second + "', hash = '" + third + "' WHERE seq = 3").execute())
                .chain(() -> connection.query("UPDATE audit_event SET prev_hash = '" + third + "' WHERE seq = 4").execute())
                .chain(() -> connection.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update").execute()))
                .await().indefinitely();
    }

    private static void writePreviousReleaseEvents(Connection connection) throws SQLException {
        Instant at = Instant.parse("2026-01-05T08:00:00Z");
        String first = sha256(PRUNED_ANCHOR, at, "admin", "UNIT_CREATED", null);
        String second = sha256(first, at.plusSeconds(60), "system", "AUDIT_PRUNED", prunedDetail());
        String third = sha256(second, at.plusSeconds(120), "admin", "LOGIN_SUCCEEDED", null);
        insert(connection, at, "admin", "UNIT_CREATED", null, PRUNED_ANCHOR, first);
        insert(connection, at.plusSeconds(60), "system", "AUDIT_PRUNED", prunedDetail(), first, second);
        insert(connection, at.plusSeconds(120), "admin", "LOGIN_SUCCEEDED", null, second, third);
    }

    private static String prunedDetail() {
        return "Removed 7 events up to id 7; chain continues from " + PRUNED_ANCHOR;
    }

    private static void insert(Connection connection, Instant at, String actor, String action, String detail, String previous,
            String hash) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_event (occurred_at, actor, actor_roles, action, outcome, detail, prev_hash, hash)
                VALUES (?, ?, '', ?, 'SUCCESS', ?, ?, ?)""")) {
            insert.setObject(1, at.atOffset(ZoneOffset.UTC));
            insert.setString(2, actor);
            insert.setString(3, action);
            insert.setString(4, detail);
            insert.setString(5, previous);
            insert.setString(6, hash);
            insert.executeUpdate();
        }
    }

    /**
     * The previous release's hash, written out independently: SHA-256 over the previous hash and
     * every field, each as "length:" and its UTF-8 bytes, a missing one as "-1:".
     */
    private static String sha256(String previous, Instant at, String actor, String action, String detail) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> fields = new ArrayList<>(List.of(previous, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, at)),
                    actor, ""));
            fields.add(null); // unit
            fields.add(action);
            fields.add(null); // object type
            fields.add(null); // object id
            fields.add("SUCCESS");
            fields.add(null); // changes
            fields.add(detail);
            fields.add(null); // request id
            fields.add(null); // client address
            for (String field : fields) {
                if (field == null) {
                    digest.update("-1:".getBytes(StandardCharsets.UTF_8));
                } else {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
                    digest.update(bytes);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
