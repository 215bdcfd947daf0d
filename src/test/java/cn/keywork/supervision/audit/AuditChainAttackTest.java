package cn.keywork.supervision.audit;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.deliberatelyInvalidAnonymous;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The trail against someone with database rights (a superuser who can switch the append-only
 * trigger off) but without the chain key or the checkpoint key. Each attack is undone afterwards
 * from a copy, so the other tests find the trail intact.
 */
@QuarkusTest
class AuditChainAttackTest {

    @Inject
    Pool database;

    private String auditorToken;
    private boolean saved;

    private RequestSpecification auditor() {
        return anonymous().auth().oauth2(auditorToken);
    }

    @BeforeEach
    void someEventsAndAnAuditorSignedInBeforehand() {
        // Signing in is audited: do it before the attack, so nothing is appended while the trail is cut.
        auditorToken = TestAccounts.token("AUDITOR");
        for (int i = 0; i < 5; i++) {
            Units.registerId(uniqueCode("ATK"), "攻击前" + i);
        }
        auditor().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @AfterEach
    void undoTheAttack() {
        if (saved) {
            sql("""
                    ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
                    ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_update;
                    DELETE FROM audit_event WHERE seq >= (SELECT min(seq) FROM attack_saved_events);
                    INSERT INTO audit_event SELECT * FROM attack_saved_events;
                    DELETE FROM audit_checkpoint;
                    INSERT INTO audit_checkpoint SELECT * FROM attack_saved_checkpoints;
                    DROP TABLE attack_saved_events;
                    DROP TABLE attack_saved_checkpoints;
                    ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_no_update;
                    ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;""");
            saved = false;
        }
        auditor().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void a_forged_field_with_the_chain_recomputed_by_sql_is_found() {
        long head = head();
        long forged = head - 3;
        save(forged);
        sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; "
                + "UPDATE audit_event SET actor = 'mallory' WHERE seq = " + forged);
        rechainWithSha256From(forged);
        sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");

        auditor().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("findings.kind", hasItem("ALTERED"))
                .body("findings[0].seq", equalTo((int) forged));
    }

    @Test
    void events_chained_without_the_key_after_the_chain_was_keyed_are_found() {
        long head = head();
        save(head - 1);
        sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; "
                + "UPDATE audit_event SET actor = 'mallory', chain_version = 1 WHERE seq = " + (head - 1) + "; "
                + "UPDATE audit_event SET chain_version = 1 WHERE seq = " + head);
        rechainWithSha256From(head - 1);
        sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");

        auditor().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("findings.kind", hasItem("UNKEYED"));
    }

    @Test
    void removing_the_newest_events_after_a_checkpoint_is_reported_as_truncation() {
        long checkpointed = auditor().post("/api/v1/audit/checkpoints").then().statusCode(201).extract().jsonPath().getLong("seq");
        save(checkpointed - 2);
        sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; "
                + "DELETE FROM audit_event WHERE seq >= " + (checkpointed - 2) + "; "
                + "ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");

        auditor().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("lastSeq", equalTo((int) checkpointed - 3))
                .body("findings.kind", hasItem("TRUNCATED"))
                .body("findings.seq", hasItem((int) checkpointed));
    }

    @Test
    void removing_one_event_in_the_middle_and_relinking_the_chain_is_found() {
        long head = head();
        long removed = head - 2;
        save(removed);
        sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; "
                + "UPDATE audit_event SET prev_hash = (SELECT hash FROM audit_event WHERE seq = " + (removed - 1) + ") "
                + "WHERE seq = " + (removed + 1) + "; "
                + "DELETE FROM audit_event WHERE seq = " + removed);
        rechainWithSha256From(removed + 1);
        sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update");

        auditor().get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("findings.kind", hasItems("MISSING", "ALTERED"))
                .body("findings[0].kind", equalTo("MISSING"))
                .body("findings[0].seq", equalTo((int) removed));
    }

    @Test
    void a_checkpoint_kept_by_the_auditor_finds_truncation_even_when_the_stored_checkpoints_are_removed_too() {
        JsonPath held = auditor().post("/api/v1/audit/checkpoints").then().statusCode(201).extract().jsonPath();
        long checkpointed = held.getLong("seq");
        save(checkpointed - 1);
        sql("""
                ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
                ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_no_update;
                DELETE FROM audit_event WHERE seq >= %d;
                DELETE FROM audit_checkpoint;
                ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_no_update;
                ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;""".formatted(checkpointed - 1));

        // What the service still holds looks whole: only what the auditor kept can tell.
        auditor().get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true));
        auditor().body(Map.of("seq", checkpointed, "headHash", held.getString("headHash"),
                "createdAt", held.getString("createdAt"), "signature", held.getString("signature"),
                "statement", held.getString("statement"), "keyId", held.getString("keyId")))
                .post("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(false))
                .body("findings[0].kind", equalTo("TRUNCATED"))
                .body("findings[0].seq", equalTo((int) checkpointed));
    }

    @Test
    void a_held_checkpoint_that_is_not_signed_by_the_service_is_refused() {
        JsonPath held = auditor().post("/api/v1/audit/checkpoints").then().statusCode(201).extract().jsonPath();
        auditor().body(Map.of("seq", held.getLong("seq") + 100, "headHash", held.getString("headHash"),
                "createdAt", held.getString("createdAt"), "signature", held.getString("signature")))
                .post("/api/v1/audit/verify").then().statusCode(400)
                .body("errors[0].field", equalTo("signature"));
        deliberatelyInvalidAnonymous().auth().oauth2(auditorToken).contentType("application/json")
                .body(Map.of("seq", held.getLong("seq"), "headHash", held.getString("headHash"),
                        "createdAt", held.getString("createdAt"), "signature", "not base64 at all!"))
                .post("/api/v1/audit/verify").then().statusCode(400);
    }

    @Test
    void checkpoints_are_listed_with_a_signature_that_verifies_with_the_published_key_outside_the_service() throws Exception {
        JsonPath published = auditor().post("/api/v1/audit/checkpoints").then().statusCode(201).extract().jsonPath();
        JsonPath listed = auditor().get("/api/v1/audit/checkpoints").then().statusCode(200).extract().jsonPath();
        assertThat(listed.getLong("items[0].seq")).isEqualTo(published.getLong("seq"));
        assertThat(listed.getString("items[0].statement")).isEqualTo(
                "key-work-supervision audit checkpoint " + published.getLong("seq") + " " + published.getString("headHash")
                        + " " + java.time.OffsetDateTime.parse(published.getString("createdAt")).toInstant());
        JsonPath key = auditor().get("/api/v1/audit/checkpoint-key").then().statusCode(200).extract().jsonPath();
        assertThat(key.getString("keyId")).isEqualTo(listed.getString("items[0].keyId"));

        String pem = key.getString("publicKeyPem");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
        rsa.update(listed.getString("items[0].statement").getBytes(StandardCharsets.UTF_8));
        assertThat(rsa.verify(Base64.getDecoder().decode(listed.getString("items[0].signature")))).isTrue();
    }

    /** Copies the events from {@code seq} on, and all checkpoints, to put them back after the attack. */
    private void save(long seq) {
        sql("CREATE TABLE attack_saved_events AS SELECT * FROM audit_event WHERE seq >= " + seq + "; "
                + "CREATE TABLE attack_saved_checkpoints AS SELECT * FROM audit_checkpoint");
        saved = true;
    }

    private long head() {
        return database.query("SELECT max(seq) FROM audit_event").execute().await().indefinitely().iterator().next().getLong(0);
    }

    /** What an attacker without the key can do: chain every event from {@code seq} on again with SHA-256. */
    private void rechainWithSha256From(long seq) {
        database.withTransaction(connection -> connection.query("SELECT * FROM audit_event WHERE seq >= " + seq + " ORDER BY seq")
                .execute()
                .chain(rows -> previousHash(connection, seq).chain(previous -> {
                    String prev = previous;
                    io.smallrye.mutiny.Uni<?> writes = io.smallrye.mutiny.Uni.createFrom().voidItem();
                    for (Row row : rows) {
                        String hash = AuditHash.of(prev, stored(row));
                        String linkTo = prev;
                        long at = row.getLong("seq");
                        writes = writes.chain(() -> connection.preparedQuery("UPDATE audit_event SET prev_hash = $1, hash = $2 WHERE seq = $3")
                                .execute(Tuple.of(linkTo, hash, at)));
                        prev = hash;
                    }
                    return writes;
                })))
                .await().indefinitely();
    }

    private static io.smallrye.mutiny.Uni<String> previousHash(SqlConnection connection, long seq) {
        return connection.preparedQuery("SELECT hash FROM audit_event WHERE seq < $1 ORDER BY seq DESC LIMIT 1")
                .execute(Tuple.of(seq)).map(rows -> rows.iterator().next().getString(0).trim());
    }

    private static AuditHash.Stored stored(Row row) {
        java.util.UUID unit = row.getUUID("unit_id");
        return new AuditHash.Stored(row.getOffsetDateTime("occurred_at").toInstant(), row.getString("actor"),
                row.getString("actor_roles"), unit == null ? null : unit.toString(), row.getString("action"),
                row.getString("object_type"), row.getString("object_id"), row.getString("outcome"), row.getString("changes"),
                row.getString("detail"), row.getString("request_id"), row.getString("client_address"));
    }

    private void sql(String statements) {
        database.withTransaction(connection -> {
            io.smallrye.mutiny.Uni<?> all = io.smallrye.mutiny.Uni.createFrom().voidItem();
            for (String statement : statements.split(";")) {
                if (!statement.isBlank()) {
                    all = all.chain(() -> connection.query(statement).execute());
                }
            }
            return all;
        }).await().indefinitely();
    }
}
