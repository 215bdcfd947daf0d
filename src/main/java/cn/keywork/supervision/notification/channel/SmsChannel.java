package cn.keywork.supervision.notification.channel;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.notification.domain.Delivery;
import io.smallrye.mutiny.Uni;

/** Text messages through the configured {@link SmsGateway}; a phone cannot tell a repeat, so never repeated. */
@ApplicationScoped
public class SmsChannel implements NotificationChannel {

    public static final String NAME = "sms";

    private final SmsGateway gateway;

    SmsChannel(SmsGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean repeatable() {
        return false;
    }

    @Override
    public Uni<Void> send(Delivery delivery) {
        return gateway.send(delivery.address(), "【重点工作督查】" + delivery.title(), delivery.id().toString());
    }
}
