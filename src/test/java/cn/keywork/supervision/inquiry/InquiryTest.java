package cn.keywork.supervision.inquiry;

import static cn.keywork.supervision.support.Api.as;
import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.keywork.supervision.inquiry.service.InquiryOverdueScan;
import cn.keywork.supervision.support.Api;
import cn.keywork.supervision.support.EvaluationFixtures;
import cn.keywork.supervision.support.SlipFixtures;
import cn.keywork.supervision.support.Units;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** R14: inquiries 质询 put by panel evaluators during INQUIRY, answered once by the addressed unit, judged once by the asker. */
@QuarkusTest
class InquiryTest {

    private static final ZoneId CITY = ZoneId.of("Asia/Shanghai");

    @jakarta.inject.Inject
    Pool database;

    @jakarta.inject.Inject
    InquiryOverdueScan scan;

    @AfterEach
    void systemClock() {
        QuarkusMock.installMockForType(Clock.system(CITY), Clock.class);
    }

    private static void later(Duration by) {
        QuarkusMock.installMockForType(Clock.offset(Clock.system(CITY), by), Clock.class);
    }

    private EvaluationFixtures fixtures() {
        return new EvaluationFixtures(database);
    }

    private static RequestSpecification by(EvaluationFixtures.Evaluator evaluator) {
        return Api.anonymous().auth().oauth2(evaluator.token());
    }

    /** A subject led by one unit with another cooperating, in a round of {@code status}, with one evaluator on its panel. */
    private record Subject(String roundId, String taskId, String lead, String partner, EvaluationFixtures.Evaluator asker) {

        String inquiries() {
            return "/api/v1/evaluation-rounds/" + roundId + "/inquiries";
        }
    }

    private Subject subject(String status) {
        String lead = Units.registerId(uniqueCode("IQL"), "质询牵头局" + uniqueCode(""));
        String partner = Units.registerId(uniqueCode("IQP"), "质询配合局" + uniqueCode(""));
        Map<String, Object> task = new HashMap<>(Map.of("year", SlipFixtures.TODAY.getYear(), "category", "OTHER",
                "title", "质询测试任务", "target", "目标", "content", "内容", "deadline", SlipFixtures.TODAY.getYear() + "-12-31",
                "leadUnitId", lead));
        task.put("cooperatingUnits", List.of(Map.of("unitId", partner, "responsibility", "配合推进")));
        String taskId = as("OFFICE").body(task).post("/api/v1/tasks").then().statusCode(201).extract().path("id");
        String roundId = fixtures().round(status, 1, taskId);
        EvaluationFixtures.Evaluator asker = fixtures().evaluator("NPC_DEPUTY", null);
        fixtures().panel(roundId, taskId, asker);
        return new Subject(roundId, taskId, lead, partner, asker);
    }

    private static Response ask(Subject subject, Map<String, Object> body) {
        return by(subject.asker()).body(body).post(subject.inquiries()).then().statusCode(201).extract().response();
    }

    private List<String> events(String type, String inquiryId) {
        List<String> units = new ArrayList<>();
        database.preparedQuery("SELECT unit_ids FROM domain_event WHERE type = $1 AND object_id = $2 ORDER BY seq")
                .execute(Tuple.of(type, inquiryId)).await().indefinitely()
                .forEach(row -> units.add(java.util.Arrays.stream(row.getArrayOfUUIDs(0)).map(UUID::toString).toList().toString()));
        return units;
    }

    private long audited(String action, String inquiryId) {
        return database.preparedQuery("SELECT count(*) FROM audit_event WHERE action = $1 AND object_id = $2")
                .execute(Tuple.of(action, inquiryId)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void r14_a_panel_evaluator_asks_the_lead_unit_which_answers_once_and_the_asker_judges_once() {
        Subject subject = subject("INQUIRY");
        Response asked = ask(subject, Map.of("taskId", subject.taskId(), "question", "第三标段为何滞后？"));
        String id = asked.path("id");
        String path = subject.inquiries() + "/" + id;
        assertThat(asked.<String>path("unitId")).isEqualTo(subject.lead());
        assertThat(asked.<String>path("status")).isEqualTo("OPEN");
        assertThat(asked.<String>path("evaluatorKind")).isEqualTo("NPC_DEPUTY");
        assertThat(asked.<Boolean>path("public")).isTrue();
        assertThat(asked.header("Location")).endsWith(path);
        assertThat(Duration.between(OffsetDateTime.parse(asked.path("askedAt")), OffsetDateTime.parse(asked.path("answerDue"))))
                .isEqualTo(Duration.ofDays(5));
        assertThat(events("evaluation.inquiry_asked", id)).containsExactly("[" + subject.lead() + "]");
        assertThat(audited("INQUIRY_ASKED", id)).isEqualTo(1);

        // who sees it: the asker, the addressed unit, the office; not another unit nor another evaluator
        by(subject.asker()).get(subject.inquiries()).then().statusCode(200).body("items.id", hasItem(id));
        asUnit("UNIT_LIAISON", subject.lead()).get(subject.inquiries()).then().statusCode(200).body("items.id", hasItem(id));
        asUnit("UNIT_LIAISON", subject.partner()).get(subject.inquiries()).then().statusCode(200).body("items.id", not(hasItem(id)));
        asUnit("UNIT_LIAISON", subject.partner()).get(path).then().statusCode(404);
        EvaluationFixtures.Evaluator other = fixtures().evaluator("CPPCC_MEMBER", null);
        fixtures().panel(subject.roundId(), subject.taskId(), other);
        by(other).get(path).then().statusCode(404);
        by(other).get(subject.inquiries()).then().statusCode(200).body("total", equalTo(0));
        as("OFFICE").get(subject.inquiries() + "?taskId=" + subject.taskId() + "&status=OPEN").then().statusCode(200)
                .body("items.id", hasItem(id));
        as("AUDITOR").get(path).then().statusCode(200).body("question", equalTo("第三标段为何滞后？"));

        // no verdict before the answer; another unit cannot answer; the lead answers once
        by(subject.asker()).body(Map.of("satisfactory", true)).post(path + "/verdict").then().statusCode(409);
        asUnit("UNIT_HEAD", subject.partner()).body(Map.of("answer", "代为答复")).post(path + "/answer").then().statusCode(404);
        asUnit("UNIT_LIAISON", subject.lead()).body(Map.of("answer", "已协调加快迁改，年底追上计划。")).post(path + "/answer")
                .then().statusCode(200).body("status", equalTo("ANSWERED")).body("answeredAt", notNullValue())
                .body("overdueAt", nullValue());
        asUnit("UNIT_HEAD", subject.lead()).body(Map.of("answer", "再答一次")).post(path + "/answer").then().statusCode(409);
        assertThat(events("evaluation.inquiry_answered", id)).containsExactly("[" + subject.lead() + "]");
        assertThat(audited("INQUIRY_ANSWERED", id)).isEqualTo(1);

        // only the asker judges, once
        by(other).body(Map.of("satisfactory", false)).post(path + "/verdict").then().statusCode(404);
        by(subject.asker()).body(Map.of("satisfactory", true)).post(path + "/verdict").then().statusCode(200)
                .body("status", equalTo("JUDGED")).body("satisfactory", equalTo(true));
        by(subject.asker()).body(Map.of("satisfactory", false)).post(path + "/verdict").then().statusCode(409);
        assertThat(audited("INQUIRY_JUDGED", id)).isEqualTo(1);
        as("ASSESSMENT").get(subject.inquiries() + "?status=JUDGED").then().statusCode(200).body("items.id", hasItem(id));
    }

    @Test
    void r14_asking_outside_the_inquiry_phase_is_refused_409() {
        for (String status : List.of("REPORTING", "SCORING")) {
            Subject subject = subject(status);
            by(subject.asker()).body(Map.of("taskId", subject.taskId(), "question", "何时完工？")).post(subject.inquiries())
                    .then().statusCode(409).body("type", equalTo("urn:keywork:problem:conflict"));
        }
    }

    @Test
    void r14_an_evaluator_not_on_the_panel_gets_404_and_only_the_lead_or_a_cooperating_unit_can_be_asked() {
        Subject subject = subject("INQUIRY");
        EvaluationFixtures.Evaluator outsider = fixtures().evaluator("SPECIAL_SUPERVISOR", null);
        by(outsider).body(Map.of("taskId", subject.taskId(), "question", "何时完工？")).post(subject.inquiries())
                .then().statusCode(404);
        by(subject.asker()).body(Map.of("taskId", UUID.randomUUID().toString(), "question", "何时完工？"))
                .post(subject.inquiries()).then().statusCode(404);
        String stranger = Units.registerId(uniqueCode("IQS"), "无关单位" + uniqueCode(""));
        by(subject.asker()).body(Map.of("taskId", subject.taskId(), "unitId", stranger, "question", "何时完工？"))
                .post(subject.inquiries()).then().statusCode(400);
        Response toPartner = ask(subject, Map.of("taskId", subject.taskId(), "unitId", subject.partner(),
                "question", "配合事项进展如何？", "public", false));
        assertThat(toPartner.<String>path("unitId")).isEqualTo(subject.partner());
        assertThat(toPartner.<Boolean>path("public")).isFalse();
        // the lead unit cannot answer what was put to the partner
        asUnit("UNIT_LIAISON", subject.lead()).body(Map.of("answer", "代答")).post(subject.inquiries() + "/"
                + toPartner.path("id") + "/answer").then().statusCode(404);
        as("OFFICE").get("/api/v1/evaluation-rounds/" + UUID.randomUUID() + "/inquiries").then().statusCode(404);
    }

    private Long scanNow() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> scan.scan());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void r14_an_unanswered_inquiry_past_its_due_time_is_flagged_overdue_once_even_by_two_scans_at_once() throws Exception {
        Subject subject = subject("INQUIRY");
        String late = ask(subject, Map.of("taskId", subject.taskId(), "question", "逾期测试？")).path("id");
        String answered = ask(subject, Map.of("taskId", subject.taskId(), "question", "按时答复？")).path("id");
        asUnit("UNIT_LIAISON", subject.lead()).body(Map.of("answer", "已答复")).post(subject.inquiries() + "/" + answered + "/answer")
                .then().statusCode(200);

        later(Duration.ofDays(4));
        scanNow();
        assertThat(events("evaluation.inquiry_overdue", late)).isEmpty();

        later(Duration.ofDays(6));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Long> scanning = () -> {
                start.await();
                return scanNow();
            };
            Future<Long> one = pool.submit(scanning);
            Future<Long> two = pool.submit(scanning);
            start.countDown();
            assertThat(one.get() + two.get()).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        scanNow();
        assertThat(events("evaluation.inquiry_overdue", late)).containsExactly("[" + subject.lead() + "]");
        assertThat(events("evaluation.inquiry_overdue", answered)).isEmpty();
        String path = subject.inquiries() + "/" + late;
        String overdueAt = as("OFFICE").get(path).then().statusCode(200).body("status", equalTo("OVERDUE"))
                .extract().path("overdueAt");
        assertThat(overdueAt).isNotNull();
        as("OFFICE").get(subject.inquiries() + "?status=OVERDUE").then().statusCode(200).body("items.id", hasItem(late))
                .body("items.id", not(hasItem(answered)));

        // answered late: the flag stays, the event is not repeated
        asUnit("UNIT_LIAISON", subject.lead()).body(Map.of("answer", "迟到的答复")).post(path + "/answer").then().statusCode(200)
                .body("status", equalTo("ANSWERED")).body("overdueAt", equalTo(overdueAt));
        scanNow();
        assertThat(events("evaluation.inquiry_overdue", late)).hasSize(1);
    }

    @Test
    void r14_when_the_inquiry_phase_ends_every_unanswered_inquiry_of_the_round_is_flagged_overdue() throws Throwable {
        Subject subject = subject("INQUIRY");
        String open = ask(subject, Map.of("taskId", subject.taskId(), "question", "阶段结束？")).path("id");
        VertxContextSupport.subscribeAndAwait(() -> io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                () -> scan.onMove(UUID.fromString(subject.roundId()), cn.keywork.supervision.evaluation.domain.RoundStatus.INQUIRY,
                        cn.keywork.supervision.evaluation.domain.RoundStatus.SCORING)));
        assertThat(events("evaluation.inquiry_overdue", open)).containsExactly("[" + subject.lead() + "]");
    }
}
