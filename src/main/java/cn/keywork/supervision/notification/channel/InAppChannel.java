package cn.keywork.supervision.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.domain.Delivery;
import io.smallrye.mutiny.Uni;

/** The in-app inbox: the notification row is the delivery, so nothing is sent. */
@ApplicationScoped
public class InAppChannel implements NotificationChannel {

    public static final String NAME = "in-app";

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
        return Uni.createFrom().voidItem();
    }
}
