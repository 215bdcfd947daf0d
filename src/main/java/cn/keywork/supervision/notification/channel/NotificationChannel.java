package cn.keywork.supervision.notification.channel;

import cn.keywork.supervision.notification.domain.Delivery;
import io.smallrye.mutiny.Uni;

/**
 * A way notifications reach people. The in-app inbox is the notification row itself; other
 * channels get one delivery row per notification, sent by the delivery worker.
 */
public interface NotificationChannel {

    /** The name in {@code supervision.notifications.channels} and in the delivery rows. */
    String name();

    /**
     * Whether the channel's receivers recognise a repeated send of one delivery (e-mail: the
     * Message-ID is the delivery's id), so a send interrupted by a crash may be repeated
     * (at least once). When false, an interrupted send is not repeated (at most once).
     */
    boolean repeatable();

    /** Sends the delivery to its address; fails when it did not go out. */
    Uni<Void> send(Delivery delivery);
}
