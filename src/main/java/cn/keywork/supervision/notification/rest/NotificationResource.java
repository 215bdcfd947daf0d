package cn.keywork.supervision.notification.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.NotificationsApi;
import cn.keywork.supervision.api.model.NotificationCountDto;
import cn.keywork.supervision.api.model.NotificationDto;
import cn.keywork.supervision.api.model.NotificationKindDto;
import cn.keywork.supervision.api.model.NotificationPageDto;
import cn.keywork.supervision.api.model.NotificationsMarkedDto;
import cn.keywork.supervision.notification.domain.NotificationPage;
import cn.keywork.supervision.notification.domain.NotificationRow;
import cn.keywork.supervision.notification.service.Notifications;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** The signed-in account's notifications over HTTP. */
public class NotificationResource implements NotificationsApi {

    private static final Set<String> NO_SORT = Set.of("createdAt");

    private final Notifications notifications;
    private final Clock clock;

    NotificationResource(Notifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listMyNotifications(Boolean unread, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, NO_SORT, "-createdAt");
        return notifications.page(unread, request).map(found -> Response.ok(page(found)).build());
    }

    @Override
    public Uni<Response> countMyUnreadNotifications() {
        return notifications.unreadCount().map(count -> Response.ok(new NotificationCountDto().count(count)).build());
    }

    @Override
    public Uni<Response> markMyNotificationRead(UUID notificationId) {
        return notifications.markRead(notificationId).map(nothing -> Response.noContent().build());
    }

    @Override
    public Uni<Response> markAllMyNotificationsRead() {
        return notifications.markAllRead().map(marked -> Response.ok(new NotificationsMarkedDto().marked(marked)).build());
    }

    private NotificationPageDto page(NotificationPage page) {
        return new NotificationPageDto().items(page.items().stream().map(this::dto).toList()).page(page.page())
                .size(page.size()).total(page.total());
    }

    private NotificationDto dto(NotificationRow row) {
        return new NotificationDto().id(row.id()).kind(NotificationKindDto.fromValue(row.kind().name()))
                .title(row.title()).body(row.body()).link(row.link()).period(row.period())
                .createdAt(time(row.createdAt())).read(row.read()).readAt(time(row.readAt()));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
