package cn.keywork.supervision.notification.channel;

import io.smallrye.mutiny.Uni;

/**
 * Sends one text message. The default ({@link LoggingSmsGateway}) only logs; a deployment
 * connects its SMS provider by supplying another bean of this type.
 */
public interface SmsGateway {

    Uni<Void> send(String mobile, String text, String reference);
}
