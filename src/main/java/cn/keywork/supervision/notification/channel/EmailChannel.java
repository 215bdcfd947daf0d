package cn.keywork.supervision.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.domain.Delivery;
import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;

/**
 * E-mail through the Quarkus Mailer ({@code quarkus.mailer.*}). The Message-ID is derived from the
 * delivery's id, so a repeat after a crash carries the same Message-ID and receivers drop it.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

    public static final String NAME = "email";

    private final ReactiveMailer mailer;
    private final String from;

    EmailChannel(ReactiveMailer mailer, SupervisionConfig config) {
        this.mailer = mailer;
        this.from = config.notifications().emailFrom();
    }

    /** The Message-ID of a delivery's e-mail. */
    public static String messageId(Delivery delivery) {
        return "<" + delivery.id() + "@notifications.key-work-supervision>";
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean repeatable() {
        return true;
    }

    @Override
    public Uni<Void> send(Delivery delivery) {
        String text = delivery.body() + (delivery.link() == null ? "" : "\n\n" + delivery.link());
        Mail mail = Mail.withText(delivery.address(), delivery.title(), text).setFrom(from)
                .addHeader("Message-ID", messageId(delivery));
        return mailer.send(mail);
    }
}
