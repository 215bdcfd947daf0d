package cn.keywork.supervision.slip;

import static cn.keywork.supervision.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.TestAccounts;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R9: a LEADER given the right approves any supervision order, beside the task's leader in charge. */
@QuarkusTest
class SlipApproverTest {

    @jakarta.inject.Inject
    Pool database;

    private record Leader(String id, String username, String token) {
    }

    private static Leader leader() {
        String username = "t-approver-" + UUID.randomUUID().toString().substring(0, 8);
        String id = TestAccounts.createAccount(username, "LEADER", null);
        String token = TestAccounts.activate(username);
        return new Leader(id, username, token);
    }

    private static RequestSpecification by(Leader leader) {
        return Api.anonymous().auth().oauth2(leader.token());
    }

    /** A supervision order of a task with {@code inCharge} as its leader in charge, pending approval. */
    private Response pendingOrder(String inCharge) {
        String lead = Units.registerId("APPR-" + UUID.randomUUID().toString().substring(0, 6), "审批测试单位");
        SlipFixtures.Urged urged = new SlipFixtures(database).urgedAndStillLagging(lead, inCharge);
        Response order = as("OFFICE").body(Map.of("type", "SUPERVISION", "taskId", urged.taskId(), "requirements", "督办要求",
                "responseDeadline", SlipFixtures.TODAY.plusDays(15).toString())).post("/api/v1/slips").then()
                .statusCode(201).extract().response();
        return transition(as("OFFICE"), order, Map.of("action", "SUBMIT_FOR_APPROVAL")).then().statusCode(200).extract()
                .response();
    }

    private static Response transition(RequestSpecification who, Response slip, Map<String, Object> body) {
        return who.header("If-Match", slip.header("ETag")).body(body)
                .post("/api/v1/slips/" + slip.path("id") + "/transitions");
    }

    private static List<String> inbox(Leader leader) {
        return by(leader).queryParam("size", 200).get("/api/v1/slips/inbox").then().statusCode(200).extract()
                .path("items.id");
    }

    private static String path(Leader leader) {
        return "/api/v1/slip-approvers/" + leader.id();
    }

    @Test
    void r9_another_leader_decides_a_supervision_order_only_while_given_the_right() {
        Leader inCharge = leader();
        Leader other = leader();
        Response first = pendingOrder(inCharge.id());
        Response second = pendingOrder(inCharge.id());
        assertThat(inbox(inCharge)).contains(first.<String>path("id"), second.<String>path("id"));
        assertThat(inbox(other)).doesNotContain(first.<String>path("id"), second.<String>path("id"));
        transition(by(other), first, Map.of("action", "APPROVE", "comment", "同意")).then().statusCode(403)
                .body("detail", containsString("leader in charge"));

        as("ADMIN").body(Map.of("note", "分管督查工作")).put(path(other)).then().statusCode(201)
                .body("userId", equalTo(other.id())).body("username", equalTo(other.username()))
                .body("note", equalTo("分管督查工作"));
        assertThat(inbox(other)).contains(first.<String>path("id"), second.<String>path("id"));
        transition(by(other), first, Map.of("action", "APPROVE", "comment", "同意督办")).then().statusCode(200)
                .body("status", equalTo("APPROVED"));
        assertThat(inbox(other)).doesNotContain(first.<String>path("id")).contains(second.<String>path("id"));

        as("ADMIN").delete(path(other)).then().statusCode(204);
        assertThat(inbox(other)).doesNotContain(second.<String>path("id"));
        transition(by(other), second, Map.of("action", "REJECT", "comment", "不同意")).then().statusCode(403);
        transition(by(inCharge), second, Map.of("action", "REJECT", "comment", "暂缓")).then().statusCode(200)
                .body("status", equalTo("REJECTED"));
        as("ADMIN").delete(path(other)).then().statusCode(404);
    }

    @Test
    void r9_only_the_administrator_grants_and_granting_again_replaces_the_note() {
        Leader leader = leader();
        as("OFFICE").body(Map.of("note", "x")).put(path(leader)).then().statusCode(403);
        as("LEADER").body(Map.of("note", "x")).put(path(leader)).then().statusCode(403);
        as("ADMIN").body(Map.of()).put(path(leader)).then().statusCode(201).body("note", org.hamcrest.Matchers.nullValue());
        as("ADMIN").body(Map.of("note", "受权审批督办单")).put(path(leader)).then().statusCode(200)
                .body("note", equalTo("受权审批督办单"));
        for (String role : List.of("ADMIN", "OFFICE", "LEADER")) {
            as(role).get("/api/v1/slip-approvers").then().statusCode(200).body("items.userId", hasItem(leader.id()))
                    .body("items.find { it.userId == '" + leader.id() + "' }.note", equalTo("受权审批督办单"));
        }
        as("UNIT_LIAISON").get("/api/v1/slip-approvers").then().statusCode(403);
        as("OFFICE").delete(path(leader)).then().statusCode(403);
        as("ADMIN").delete(path(leader)).then().statusCode(204);
        as("OFFICE").get("/api/v1/slip-approvers").then().statusCode(200).body("items.userId", not(hasItem(leader.id())));

        List<String> audited = new ArrayList<>();
        database.preparedQuery("SELECT action FROM audit_event WHERE object_type = 'SlipApprover' AND object_id = $1"
                + " AND outcome = 'SUCCESS' ORDER BY id")
                .execute(Tuple.of(leader.id())).await().indefinitely().forEach(row -> audited.add(row.getString(0)));
        assertThat(audited).containsExactly("SLIP_APPROVER_GRANTED", "SLIP_APPROVER_UPDATED", "SLIP_APPROVER_REVOKED");
    }

    @Test
    void r9_only_an_active_leader_account_may_be_given_the_right() {
        String office = as("OFFICE").get("/api/v1/me").then().statusCode(200).extract().path("id");
        as("ADMIN").body(Map.of()).put("/api/v1/slip-approvers/" + office).then().statusCode(409)
                .body("detail", containsString("not a LEADER account"));
        as("ADMIN").body(Map.of()).put("/api/v1/slip-approvers/" + UUID.randomUUID()).then().statusCode(404);
        Leader leader = leader();
        database.preparedQuery("UPDATE app_user SET active = false WHERE id = $1").execute(Tuple.of(UUID.fromString(leader.id())))
                .await().indefinitely();
        as("ADMIN").body(Map.of()).put(path(leader)).then().statusCode(409).body("detail", containsString("inactive"));
        as("ADMIN").get("/api/v1/slip-approvers").then().statusCode(200).body("items.userId", not(hasItem(leader.id())));
    }
}
