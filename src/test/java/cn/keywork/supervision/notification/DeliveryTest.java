package cn.keywork.supervision.notification;

import static cn.keywork.supervision.support.Api.asUnit;
import static cn.keywork.supervision.support.Api.uniqueCode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.notification.channel.EmailChannel;
import cn.keywork.supervision.notification.domain.Delivery;
import cn.keywork.supervision.notification.service.DeliveryStore;
import cn.keywork.supervision.notification.service.DeliveryWorker;
import cn.keywork.supervision.support.Units;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The outbox: deliveries by e-mail and SMS, retried with backoff, never two workers on one row, crashes handled. */
@QuarkusTest
class DeliveryTest {

    @Inject
    Pool database;

    @Inject
    DeliveryWorker worker;

    @Inject
    DeliveryStore store;

    @Inject
    EmailChannel email;

    @Inject
    MockMailbox mailbox;

    @Inject
    RecordingSmsGateway sms;

    private List<Row> rows(String sql, Object... arguments) {
        List<Row> rows = new ArrayList<>();
        database.preparedQuery(sql).execute(Tuple.tuple(List.of(arguments))).await().indefinitely().forEach(rows::add);
        return rows;
    }

    /** A unit liaison account with the given e-mail address and mobile number (either may be null). */
    private String account(String address, String mobile) {
        String unit = Units.registerId(uniqueCode("ND"), "通知投递单位");
        String id = asUnit("UNIT_LIAISON", unit).get("/api/v1/me").then().statusCode(200).extract().path("id");
        database.preparedQuery("UPDATE app_user SET email = $2, mobile = $3 WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id), address, mobile)).await().indefinitely();
        return id;
    }

    private void notify(String recipient, int count) {
        for (int i = 0; i < count; i++) {
            database.preparedQuery("""
                    INSERT INTO notification (id, recipient_id, kind, cause, period, title, body, link, created_at)
                    VALUES ($1, $2, 'REPORT_DUE', $3, '2040-01', '2040-01月进展报告待报送', '请按时报送。', NULL, $4)""")
                    .execute(Tuple.of(UUID.randomUUID(), UUID.fromString(recipient), UUID.randomUUID().toString(),
                            OffsetDateTime.now(ZoneOffset.UTC)))
                    .await().indefinitely();
        }
    }

    private List<Row> deliveries(String recipient) {
        return rows("""
                SELECT d.id, d.channel, d.status, d.attempts, d.next_attempt_at, d.last_error FROM notification_delivery d
                JOIN notification n ON n.id = d.notification_id WHERE n.recipient_id = $1 ORDER BY d.channel, d.id""",
                UUID.fromString(recipient));
    }

    /** Runs the worker at {@code now} until it finds nothing more to plan or claim. */
    private void drain(Instant now) throws Throwable {
        for (int run = 0; run < 500; run++) {
            DeliveryWorker.Run done = VertxContextSupport.subscribeAndAwait(() -> worker.deliver(now));
            if (done.planned() == 0 && done.claimed() == 0) {
                return;
            }
        }
        throw new AssertionError("the outbox did not drain");
    }

    private static List<String> messageIds(List<Mail> mails) {
        return mails.stream().map(mail -> mail.getHeaders().get("Message-ID").get(0)).toList();
    }

    @Test
    void an_e_mail_is_delivered_once_with_the_delivery_s_id_as_message_id() throws Throwable {
        String address = "once-" + UUID.randomUUID() + "@example.gov.cn";
        String recipient = account(address, null);
        notify(recipient, 1);

        Instant now = Instant.now();
        drain(now);
        drain(now.plusSeconds(3600));

        List<Row> rows = deliveries(recipient);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString("status")).isEqualTo("SENT");
        assertThat(rows.get(0).getInteger("attempts")).isEqualTo(1);
        List<Mail> mails = mailbox.getMailsSentTo(address);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("2040-01月进展报告待报送");
        assertThat(messageIds(mails)).containsExactly("<" + rows.get(0).getUUID("id") + "@notifications.key-work-supervision>");
    }

    @Test
    void a_failing_channel_is_retried_with_exponential_backoff_and_delivered_once_it_recovers() throws Throwable {
        String mobile = "139" + String.format("%08d", (int) (Math.random() * 1e8));
        String recipient = account(null, mobile);
        notify(recipient, 1);
        sms.failNext(mobile, 2);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        drain(t0);
        Row first = deliveries(recipient).get(0);
        assertThat(first.getString("status")).isEqualTo("PENDING");
        assertThat(first.getInteger("attempts")).isEqualTo(1);
        assertThat(first.getOffsetDateTime("next_attempt_at").toInstant()).isEqualTo(t0.plusSeconds(30));
        assertThat(first.getString("last_error")).contains("gateway unavailable");

        drain(t0.plusSeconds(29));
        assertThat(deliveries(recipient).get(0).getInteger("attempts")).isEqualTo(1);

        drain(t0.plusSeconds(30));
        Row second = deliveries(recipient).get(0);
        assertThat(second.getInteger("attempts")).isEqualTo(2);
        assertThat(second.getOffsetDateTime("next_attempt_at").toInstant()).isEqualTo(t0.plusSeconds(30 + 60));

        drain(t0.plusSeconds(90));
        Row sent = deliveries(recipient).get(0);
        assertThat(sent.getString("status")).isEqualTo("SENT");
        assertThat(sent.getInteger("attempts")).isEqualTo(3);
        assertThat(sms.sentTo(mobile)).hasSize(1);
        assertThat(worker.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(worker.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(worker.backoff(20)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_delivery_that_keeps_failing_is_failed_after_the_configured_attempts() throws Throwable {
        String mobile = "137" + String.format("%08d", (int) (Math.random() * 1e8));
        String recipient = account(null, mobile);
        notify(recipient, 1);
        sms.failNext(mobile, 1000);
        Instant t = Instant.now();

        for (int run = 0; run < 7; run++) {
            drain(t);
            t = t.plus(Duration.ofHours(2));
        }

        Row row = deliveries(recipient).get(0);
        assertThat(row.getString("status")).isEqualTo("FAILED");
        assertThat(row.getInteger("attempts")).isEqualTo(5);
        assertThat(sms.sentTo(mobile)).isEmpty();
    }

    @Test
    void two_workers_at_once_never_deliver_one_row_twice() throws Throwable {
        String address = "busy-" + UUID.randomUUID() + "@example.gov.cn";
        String recipient = account(address, null);
        notify(recipient, 40);
        Instant now = Instant.now();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Callable<Void> draining = () -> {
                start.await();
                try {
                    drain(now);
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
                return null;
            };
            Future<Void> one = pool.submit(draining);
            Future<Void> two = pool.submit(draining);
            start.countDown();
            one.get();
            two.get();
        } finally {
            pool.shutdownNow();
        }

        List<Row> rows = deliveries(recipient);
        assertThat(rows).hasSize(40).allSatisfy(row -> {
            assertThat(row.getString("status")).isEqualTo("SENT");
            assertThat(row.getInteger("attempts")).isEqualTo(1);
        });
        List<Mail> mails = mailbox.getMailsSentTo(address);
        assertThat(mails).hasSize(40);
        assertThat(messageIds(mails)).doesNotHaveDuplicates();
    }

    @Test
    void a_crash_between_claim_and_outcome_repeats_the_e_mail_with_its_message_id_and_never_the_text_message()
            throws Throwable {
        String address = "crash-" + UUID.randomUUID() + "@example.gov.cn";
        String mobile = "136" + String.format("%08d", (int) (Math.random() * 1e8));
        String recipient = account(address, mobile);
        notify(recipient, 1);
        Instant t0 = Instant.now();

        // A worker claims (committed), sends the e-mail, and dies before recording either outcome.
        VertxContextSupport.subscribeAndAwait(() -> store.plan(worker.channels(), t0, 1000));
        List<Delivery> claimed = VertxContextSupport.subscribeAndAwait(
                () -> store.claim("crashed-worker", t0, t0.plus(Duration.ofMinutes(2)), 10_000));
        Delivery mail = claimed.stream().filter(d -> address.equals(d.address())).findFirst().orElseThrow();
        assertThat(claimed).anyMatch(d -> mobile.equals(d.address()));
        VertxContextSupport.subscribeAndAwait(() -> email.send(mail));
        assertThat(deliveries(recipient)).extracting(r -> r.getString("status")).containsExactly("SENDING", "SENDING");

        // While the lease holds, no other worker touches the rows.
        drain(t0.plusSeconds(60));
        assertThat(deliveries(recipient)).extracting(r -> r.getString("status")).containsExactly("SENDING", "SENDING");
        assertThat(mailbox.getMailsSentTo(address)).hasSize(1);

        // After it expired: the e-mail goes again with the same Message-ID (at least once, receivers drop the repeat);
        // the text message, whose receiver cannot tell a repeat, is given up (at most once).
        drain(t0.plus(Duration.ofMinutes(3)));
        List<Row> rows = deliveries(recipient);
        assertThat(rows.get(0).getString("channel")).isEqualTo("email");
        assertThat(rows.get(0).getString("status")).isEqualTo("SENT");
        assertThat(rows.get(0).getInteger("attempts")).isEqualTo(2);
        assertThat(rows.get(1).getString("channel")).isEqualTo("sms");
        assertThat(rows.get(1).getString("status")).isEqualTo("FAILED");
        assertThat(rows.get(1).getString("last_error")).contains("at most once");
        List<Mail> mails = mailbox.getMailsSentTo(address);
        assertThat(mails).hasSize(2);
        assertThat(messageIds(mails)).containsOnly(EmailChannel.messageId(mail));
        assertThat(sms.sentTo(mobile)).isEmpty();

        drain(t0.plus(Duration.ofHours(1)));
        assertThat(mailbox.getMailsSentTo(address)).hasSize(2);
    }
}
