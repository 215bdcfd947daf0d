package cn.keywork.supervision.opinion;

import static cn.keywork.supervision.support.Api.anonymous;
import static cn.keywork.supervision.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.ForwardedAddresses;
import cn.keywork.supervision.support.PublishedLedgers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * R15: the public leaves opinions on published tasks; they are held for the office's moderation,
 * public only once approved, never with their contact, and limited per client address.
 */
@QuarkusTest
@TestProfile(ForwardedAddresses.class)
class OpinionTest {

    private static final String CONTACT = "13811112222";

    @jakarta.inject.Inject
    Pool database;

    /** A task on a ledger published for a month no other test uses. */
    private PublishedLedgers.Task publishedTask() {
        PublishedLedgers ledgers = new PublishedLedgers(database);
        PublishedLedgers.Task task = ledgers.task(2026, "意见测试任务" + Api.uniqueCode(""));
        String period = (3000 + ThreadLocalRandom.current().nextInt(6000)) + "-0" + (1 + ThreadLocalRandom.current().nextInt(9));
        ledgers.freeze(period, true, List.of(task), List.of(UUID.randomUUID()), List.of("GREEN"));
        return task;
    }

    /** A client address of its own, so no other test's opinions count against it. */
    private static String address() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static RequestSpecification from(String address) {
        return anonymous().header(ForwardedAddresses.HEADER, address);
    }

    private static String opinions(PublishedLedgers.Task task) {
        return "/api/v1/public/tasks/" + task.code() + "/opinions";
    }

    private static String leave(PublishedLedgers.Task task, String text, String address) {
        Map<String, Object> body = new HashMap<>(Map.of("text", text, "nickname", "市民王先生", "contact", CONTACT));
        return from(address).body(body).post(opinions(task)).then().statusCode(202).body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    @Test
    void r15_an_opinion_is_public_only_once_approved_with_the_reply_and_never_with_its_contact() {
        PublishedLedgers.Task task = publishedTask();
        String text = "围挡占道，希望尽快完工" + Api.uniqueCode("");
        String id = leave(task, text, address());

        // pending: not on the public list, not in the feed
        from(address()).get(opinions(task)).then().statusCode(200).body("code", equalTo(task.code()))
                .body("items.id", not(hasItem(id)));
        String feed = from(address()).accept("application/feed+json, application/problem+json").get("/api/v1/public/feed")
                .then().statusCode(200).extract().asString();
        assertThat(feed).doesNotContain(text);

        // the office sees it with its contact
        as("OFFICE").get("/api/v1/opinions?status=PENDING&taskId=" + task.id()).then().statusCode(200)
                .body("items.id", hasItem(id)).body("items.find { it.id == '" + id + "' }.contact", equalTo(CONTACT));

        as("OFFICE").body(Map.of("decision", "APPROVE", "reply", "感谢关注，已督促加快施工。"))
                .post("/api/v1/opinions/" + id + "/moderation").then().statusCode(200).body("status", equalTo("APPROVED"));
        as("OFFICE").body(Map.of("decision", "REJECT", "reason", "改主意")).post("/api/v1/opinions/" + id + "/moderation")
                .then().statusCode(409);

        Response shown = from(address()).get(opinions(task)).then().statusCode(200).body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.reply", equalTo("感谢关注，已督促加快施工。"))
                .body("items.find { it.id == '" + id + "' }.text", equalTo(text))
                .header("Cache-Control", org.hamcrest.Matchers.startsWith("public")).extract().response();
        assertThat(shown.asString()).doesNotContain(CONTACT, "contact");
        from(address()).header("If-None-Match", shown.header("ETag")).get(opinions(task)).then().statusCode(304);

        long audited = database.preparedQuery("SELECT count(*) FROM audit_event WHERE action = 'OPINION_APPROVED' AND object_id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void r15_a_rejected_opinion_stays_hidden_and_rejecting_needs_a_reason() {
        PublishedLedgers.Task task = publishedTask();
        String text = "不当言论" + Api.uniqueCode("");
        String id = leave(task, text, address());
        as("OFFICE").body(Map.of("decision", "REJECT")).post("/api/v1/opinions/" + id + "/moderation").then().statusCode(400);
        as("OFFICE").body(Map.of("decision", "REJECT", "reason", "与任务无关")).post("/api/v1/opinions/" + id + "/moderation")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("reason", equalTo("与任务无关"));
        assertThat(from(address()).get(opinions(task)).then().statusCode(200).extract().asString()).doesNotContain(id, text);
        as("OFFICE").get("/api/v1/opinions?status=REJECTED").then().statusCode(200).body("items.id", hasItem(id));
        as("OFFICE").body(Map.of("decision", "APPROVE")).post("/api/v1/opinions/" + UUID.randomUUID() + "/moderation").then()
                .statusCode(404);
    }

    @Test
    void r15_a_task_not_on_a_published_ledger_takes_no_opinions() {
        PublishedLedgers.Task unpublished = new PublishedLedgers(database).task(2026, "未公示任务");
        from(address()).body(Map.of("text", "意见")).post(opinions(unpublished)).then().statusCode(404);
        from(address()).get(opinions(unpublished)).then().statusCode(404);
    }

    @Test
    void r15_an_address_leaving_more_opinions_than_an_hour_allows_is_answered_429_and_is_not_stored_in_clear() {
        PublishedLedgers.Task task = publishedTask();
        String address = address();
        for (int i = 0; i < 5; i++) {
            leave(task, "第" + i + "条意见", address);
        }
        String retryAfter = from(address).body(Map.of("text", "第六条意见")).post(opinions(task)).then().statusCode(429)
                .body("type", equalTo("urn:keywork:problem:too-many-requests")).extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 3600L);
        leave(task, "另一个地址的意见", address());

        long inClear = database.preparedQuery("SELECT count(*) FROM public_opinion WHERE client_key LIKE '%' || $1 || '%'"
                + " OR text LIKE '%' || $1 || '%' OR coalesce(contact, '') LIKE '%' || $1 || '%'")
                .execute(Tuple.of(address)).await().indefinitely().iterator().next().getLong(0);
        assertThat(inClear).isZero();
        long sameKey = database.preparedQuery("SELECT count(DISTINCT client_key) FROM public_opinion o JOIN key_task k ON k.id = o.task_id"
                + " WHERE k.code = $1 AND o.text LIKE '第%条意见'").execute(Tuple.of(task.code())).await().indefinitely()
                .iterator().next().getLong(0);
        assertThat(sameKey).isEqualTo(1);
    }

    @Test
    void r15_approved_opinions_count_in_the_material_of_the_rounds_whose_subject_the_task_is() {
        PublishedLedgers.Task task = publishedTask();
        String approved = leave(task, "值得肯定", address());
        String pending = leave(task, "尚待审核", address());
        as("OFFICE").body(Map.of("decision", "APPROVE")).post("/api/v1/opinions/" + approved + "/moderation").then().statusCode(200);

        EvaluationFixtures fixtures = new EvaluationFixtures(database);
        String roundId = fixtures.round("INQUIRY", 1, task.id());
        EvaluationFixtures.Evaluator member = fixtures.evaluator("PUBLIC_REPRESENTATIVE", null);
        EvaluationFixtures.Evaluator outsider = fixtures.evaluator("PUBLIC_REPRESENTATIVE", null);
        fixtures.panel(roundId, task.id(), member);
        String path = "/api/v1/evaluation-rounds/" + roundId + "/opinions";

        Response material = anonymous().auth().oauth2(member.token()).get(path + "?taskId=" + task.id()).then().statusCode(200)
                .body("items.id", hasItem(approved)).body("items.id", not(hasItem(pending))).extract().response();
        assertThat(material.asString()).doesNotContain(CONTACT);
        anonymous().auth().oauth2(outsider.token()).get(path).then().statusCode(200).body("items.size()", equalTo(0));
        as("ASSESSMENT").get(path).then().statusCode(200).body("items.id", hasItem(approved));
        as("OFFICE").get("/api/v1/evaluation-rounds/" + UUID.randomUUID() + "/opinions").then().statusCode(404);
    }
}
