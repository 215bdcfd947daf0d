package cn.keywork.supervision.notification.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.notification.domain.NotificationPage;
import cn.keywork.supervision.notification.repository.NotificationRepository;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The signed-in account's inbox: only its own notifications are ever read or changed. */
@ApplicationScoped
public class Notifications {

    private final NotificationRepository notifications;
    private final Clock clock;

    Notifications(NotificationRepository notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    private static UUID me() {
        return RequestScope.actor().userId();
    }

    @WithSession
    public Uni<NotificationPage> page(Boolean unread, PageRequest request) {
        UUID me = me();
        return notifications.page(me, unread, request.size(), request.offset())
                .chain(items -> notifications.count(me, unread)
                        .map(total -> new NotificationPage(items, request.page(), request.size(), total)));
    }

    @WithSession
    public Uni<Long> unreadCount() {
        return notifications.count(me(), true);
    }

    /** Marks one notification read; another account's answers as an unknown one. */
    @WithTransaction
    public Uni<Void> markRead(UUID id) {
        return notifications.markRead(me(), id, clock.instant())
                .chain(changed -> changed == 0 ? Uni.createFrom().failure(new NotFound(DomainMessage.NOTIFICATION_NOT_FOUND, id))
                        : Uni.createFrom().voidItem());
    }

    @WithTransaction
    public Uni<Long> markAllRead() {
        return notifications.markAllRead(me(), clock.instant()).map(Integer::longValue);
    }
}
