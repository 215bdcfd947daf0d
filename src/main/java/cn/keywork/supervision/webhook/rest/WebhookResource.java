package cn.keywork.supervision.webhook.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.WebhooksApi;
import cn.keywork.supervision.api.model.EventTypeDto;
import cn.keywork.supervision.api.model.WebhookDeliveryDto;
import cn.keywork.supervision.api.model.WebhookDeliveryPageDto;
import cn.keywork.supervision.api.model.WebhookDeliveryStatusDto;
import cn.keywork.supervision.api.model.WebhookDto;
import cn.keywork.supervision.api.model.WebhookInputDto;
import cn.keywork.supervision.api.model.WebhookPageDto;
import cn.keywork.supervision.api.model.WebhookUpdateDto;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.PageRequest;
import cn.keywork.supervision.webhook.domain.DeliveryRow;
import cn.keywork.supervision.webhook.domain.DeliveryStatus;
import cn.keywork.supervision.webhook.domain.WebhookChange;
import cn.keywork.supervision.webhook.domain.WebhookRow;
import cn.keywork.supervision.webhook.service.TargetGuard;
import cn.keywork.supervision.webhook.service.WebhookService;
import io.smallrye.mutiny.Uni;

/** Webhook subscriptions and their delivery logs over HTTP. URLs are checked (and resolved) before any transaction. */
public class WebhookResource implements WebhooksApi {

    private static final String PATH = "/api/v1/webhooks/";

    private final WebhookService webhooks;
    private final TargetGuard guard;
    private final Clock clock;

    WebhookResource(WebhookService webhooks, TargetGuard guard, Clock clock) {
        this.webhooks = webhooks;
        this.guard = guard;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listWebhooks(Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("createdAt"), "-createdAt");
        return webhooks.list(request).map(found -> Response.ok(new WebhookPageDto().items(found.map(row -> dto(row, null)))
                .page(request.page()).size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> createWebhook(WebhookInputDto input) {
        return guard.check(input.getUrl())
                .chain(checked -> webhooks.create(input.getUrl().trim(), types(input.getEventTypes()), input.getDescription()))
                .map(made -> Response.created(URI.create(PATH + made.row().id())).entity(dto(made.row(), made.secret()))
                        .tag(Long.toString(made.row().version())).build());
    }

    @Override
    public Uni<Response> getWebhook(UUID webhookId) {
        return webhooks.get(webhookId).map(this::webhook);
    }

    @Override
    public Uni<Response> updateWebhook(UUID webhookId, String ifMatch, WebhookUpdateDto input) {
        long expected = ETags.required(ifMatch);
        String url = input.getUrl() == null ? null : input.getUrl().trim();
        WebhookChange change = new WebhookChange(url, input.getEventTypes() == null ? null : types(input.getEventTypes()),
                input.getDescription(), input.getActive());
        Uni<?> checked = url == null ? Uni.createFrom().voidItem() : guard.check(url);
        return checked.chain(() -> webhooks.change(webhookId, expected, change)).map(this::webhook);
    }

    @Override
    public Uni<Response> deleteWebhook(UUID webhookId, String ifMatch) {
        long expected = ETags.required(ifMatch);
        return webhooks.delete(webhookId, expected).map(nothing -> Response.noContent().build());
    }

    @Override
    public Uni<Response> rotateWebhookSecret(UUID webhookId) {
        return webhooks.rotate(webhookId).map(made -> Response.ok(dto(made.row(), made.secret()))
                .tag(Long.toString(made.row().version())).build());
    }

    @Override
    public Uni<Response> listWebhookDeliveries(UUID webhookId, WebhookDeliveryStatusDto status, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("createdAt"), "-createdAt");
        return webhooks.deliveries(webhookId, status == null ? null : DeliveryStatus.valueOf(status.toString()), request)
                .map(found -> Response.ok(new WebhookDeliveryPageDto().items(found.map(this::delivery))
                        .page(request.page()).size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> redeliverWebhookDelivery(UUID webhookId, UUID deliveryId) {
        return webhooks.redeliver(webhookId, deliveryId).map(row -> Response.accepted(delivery(row)).build());
    }

    private static List<String> types(Collection<EventTypeDto> types) {
        return types.stream().map(EventTypeDto::toString).distinct().toList();
    }

    private Response webhook(WebhookRow row) {
        return Response.ok(dto(row, null)).tag(Long.toString(row.version())).build();
    }

    private WebhookDto dto(WebhookRow row, String secret) {
        Instant previous = row.previousSecretUntil() != null && row.previousSecretUntil().isAfter(clock.instant())
                ? row.previousSecretUntil() : null;
        return new WebhookDto().id(row.id()).url(row.url())
                .eventTypes(row.eventTypes().stream().map(EventTypeDto::fromValue).toList())
                .description(row.description()).unitId(row.unitScope()).active(row.active())
                .consecutiveFailures(row.consecutiveFailures()).secret(secret).previousSecretExpiresAt(time(previous))
                .version(row.version()).createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    private WebhookDeliveryDto delivery(DeliveryRow row) {
        return new WebhookDeliveryDto().id(row.id()).eventId(row.eventId()).eventType(EventTypeDto.fromValue(row.eventType()))
                .status(WebhookDeliveryStatusDto.fromValue(row.status().name())).attempts(row.attempts())
                .redelivery(row.manual()).nextAttemptAt(time(row.nextAttemptAt())).lastResponseCode(row.lastStatusCode())
                .lastError(row.lastError()).lastLatencyMs(row.lastLatencyMs()).deliveredAt(time(row.deliveredAt()))
                .createdAt(time(row.createdAt()));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
