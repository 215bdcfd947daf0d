package cn.keywork.supervision.webhook.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import cn.keywork.supervision.webhook.domain.DeliveryRow;
import cn.keywork.supervision.webhook.domain.DeliveryStatus;
import cn.keywork.supervision.webhook.domain.WebhookChange;
import cn.keywork.supervision.webhook.domain.WebhookRow;
import cn.keywork.supervision.webhook.domain.WebhookSignature;
import cn.keywork.supervision.webhook.repository.DeliveryRepository;
import cn.keywork.supervision.webhook.repository.WebhookRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * An account's webhook subscriptions: each belongs to the account that made it (others answer
 * 404) and receives only the events that account may see, its unit scope stored with it. Secrets
 * are sealed ({@link SecretBox}) and answered only when made. URLs are checked by
 * {@link TargetGuard} before the transaction starts. Every change is audited in its transaction.
 */
@ApplicationScoped
public class WebhookService {

    static final String OBJECT_TYPE = "Webhook";
    /** How long a rotated-out secret keeps signing beside the new one. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    /** A subscription with the secret made for it just now (null when none was). */
    public record WithSecret(WebhookRow row, String secret) {
    }

    private final WebhookRepository webhooks;
    private final DeliveryRepository deliveries;
    private final SecretBox box;
    private final AuditTrail audit;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, DeliveryRepository deliveries, SecretBox box, AuditTrail audit, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.box = box;
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<Page<WebhookRow>> list(PageRequest page) {
        UUID owner = owner();
        return webhooks.page(owner, page.size(), page.offset())
                .chain(found -> webhooks.count(owner).map(total -> new Page<>(found, page, total)));
    }

    @WithSession
    public Uni<WebhookRow> get(UUID id) {
        return existing(id, false);
    }

    /** Subscribes {@code url} (checked already) for the calling account, in its unit scope. */
    @WithTransaction
    public Uni<WithSecret> create(String url, List<String> eventTypes, String description) {
        Actor actor = RequestScope.actor();
        Instant now = clock.instant();
        byte[] key = WebhookSignature.newKey();
        WebhookRow row = new WebhookRow(UUID.randomUUID(), owner(), url, List.copyOf(eventTypes), description,
                actor.unitScope().orElse(null), true, 0, null, 1, now, now);
        return webhooks.insert(row, box.seal(row.id(), key))
                .call(() -> audit.record(AuditEntry.success("WEBHOOK_CREATED", OBJECT_TYPE, row.id(),
                        AuditChanges.created(row.auditSnapshot()))))
                .map(nothing -> new WithSecret(row, WebhookSignature.secret(key)));
    }

    /** Changes the fields sent (a new URL checked already). */
    @WithTransaction
    public Uni<WebhookRow> change(UUID id, long expectedVersion, WebhookChange change) {
        Instant now = clock.instant();
        return existing(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "webhook");
            WebhookRow changed = row.changed(change, now);
            return webhooks.update(changed)
                    .call(() -> audit.record(AuditEntry.success("WEBHOOK_UPDATED", OBJECT_TYPE, id,
                            AuditChanges.between(row.auditSnapshot(), changed.auditSnapshot()))))
                    .map(nothing -> changed);
        });
    }

    /** A new secret; the current one keeps signing for {@link #ROTATION_OVERLAP}. */
    @WithTransaction
    public Uni<WithSecret> rotate(UUID id) {
        Instant now = clock.instant();
        byte[] key = WebhookSignature.newKey();
        return existing(id, true)
                .call(row -> webhooks.rotate(id, box.seal(id, key), now.plus(ROTATION_OVERLAP), now))
                .call(row -> audit.record(new AuditEntry("WEBHOOK_SECRET_ROTATED", OBJECT_TYPE, id.toString(),
                        AuditEntry.Outcome.SUCCESS, Map.of(), "the previous secret signs until " + now.plus(ROTATION_OVERLAP))))
                .chain(() -> existing(id, false))
                .map(row -> new WithSecret(row, WebhookSignature.secret(key)));
    }

    @WithTransaction
    public Uni<Void> delete(UUID id, long expectedVersion) {
        return existing(id, true).chain(row -> {
            ETags.check(expectedVersion, row.version(), "webhook");
            return webhooks.delete(id).call(() -> audit.record(AuditEntry.success("WEBHOOK_DELETED", OBJECT_TYPE, id,
                    AuditChanges.removed(row.auditSnapshot()))));
        });
    }

    @WithSession
    public Uni<Page<DeliveryRow>> deliveries(UUID id, DeliveryStatus status, PageRequest page) {
        return existing(id, false).chain(row -> deliveries.page(id, status, page.size(), page.offset())
                .chain(found -> deliveries.count(id, status).map(total -> new Page<>(found, page, total))));
    }

    /** A new delivery, due now, of the event a delivery of the subscription carried. */
    @WithTransaction
    public Uni<DeliveryRow> redeliver(UUID id, UUID deliveryId) {
        return existing(id, false).chain(row -> deliveries.redeliver(id, deliveryId, clock.instant()))
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.WEBHOOK_DELIVERY_NOT_FOUND, deliveryId));
    }

    private Uni<WebhookRow> existing(UUID id, boolean lock) {
        return webhooks.find(id, owner(), lock).onItem().ifNull().failWith(() -> new NotFound(DomainMessage.WEBHOOK_NOT_FOUND, id));
    }

    /** The calling account; an actor without one (the service itself) owns nothing. */
    private static UUID owner() {
        UUID user = RequestScope.actor().userId();
        return user == null ? new UUID(0, 0) : user;
    }
}
