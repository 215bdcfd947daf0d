package cn.keywork.supervision.security;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.audit.AuditPruning;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;

/** Events leave the trail only past retention, by the pruning job, which records itself and keeps the chain verifiable. */
@QuarkusTest
class AuditPruningTest {

    @Inject
    AuditPruning pruning;

    @Inject
    Pool database;

    @Test
    void pruning_removes_only_events_past_retention_and_leaves_a_verifiable_chain() throws Throwable {
        Units.registerId(uniqueCode("OLD"), "旧事件");
        String auditor = TestAccounts.token("AUDITOR");
        assertThat(VertxContextSupport.subscribeAndAwait(() -> pruning.prune())).isZero();
        io.restassured.path.json.JsonPath held = anonymous().auth().oauth2(auditor).post("/api/v1/audit/checkpoints")
                .then().statusCode(201).extract().jsonPath();

        QuarkusMock.installMockForType(Clock.offset(Clock.systemUTC(), Duration.ofDays(800)), Clock.class);
        long removed = VertxContextSupport.subscribeAndAwait(() -> pruning.prune());
        assertThat(removed).isPositive();

        long left = database.query("SELECT count(*) FROM audit_event WHERE action <> 'AUDIT_PRUNED'").execute()
                .await().indefinitely().iterator().next().getLong(0);
        assertThat(left).isZero();
        anonymous().auth().oauth2(auditor).queryParam("action", "AUDIT_PRUNED").get("/api/v1/audit")
                .then().statusCode(200).body("items[0].actor", equalTo("system"))
                .body("items[0].detail", org.hamcrest.Matchers.containsString("Removed " + removed + " events up to number "
                        + held.getLong("seq") + ";"));
        anonymous().auth().oauth2(auditor).get("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("firstSeq", equalTo(held.getInt("seq") + 1))
                .body("checkpointsChecked", equalTo(1));
        // The auditor's checkpoint of the last pruned event still checks: the kept chain continues from its hash.
        anonymous().auth().oauth2(auditor).body(java.util.Map.of("seq", held.getLong("seq"), "headHash", held.getString("headHash"),
                "createdAt", held.getString("createdAt"), "signature", held.getString("signature")))
                .post("/api/v1/audit/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("checkpointsChecked", equalTo(2));
    }
}
