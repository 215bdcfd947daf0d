package cn.keywork.supervision.webhook.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Offload;
import cn.keywork.supervision.webhook.domain.WebhookTarget;
import io.smallrye.mutiny.Uni;

/**
 * Resolves a subscription's host on a worker thread (never the event loop) and answers the one
 * address it may reach, refusing internal ones unless allow-listed: checked when a URL is set,
 * and again before every delivery, whose connection goes to exactly that address (a host that
 * re-resolves to an internal address between the check and the connection is never reached).
 */
@ApplicationScoped
public class TargetGuard {

    /** A checked URL and the address to connect to. */
    public record Pinned(WebhookTarget target, InetAddress address) {
    }

    private final boolean allowHttp;
    private final Set<String> allowList;

    TargetGuard(SupervisionConfig config) {
        this.allowHttp = config.webhooks().allowHttp();
        Set<String> entries = new LinkedHashSet<>();
        config.webhooks().allowList().ifPresent(list -> list.stream().map(entry -> entry.trim().toLowerCase(Locale.ROOT))
                .filter(entry -> !entry.isEmpty()).forEach(entries::add));
        this.allowList = Set.copyOf(entries);
    }

    /** Checks {@code url} and resolves its host; fails with a field problem on {@code url}. */
    public Uni<Pinned> check(String url) {
        WebhookTarget target;
        try {
            target = WebhookTarget.parse(url, allowHttp);
        } catch (InvalidInput refused) {
            return Uni.createFrom().failure(refused);
        }
        return Offload.work(() -> resolve(target))
                .map(addresses -> new Pinned(target, target.permitted(addresses, allowList)));
    }

    private static List<InetAddress> resolve(WebhookTarget target) {
        try {
            return List.of(InetAddress.getAllByName(target.host()));
        } catch (UnknownHostException | SecurityException e) {
            throw InvalidInput.of(WebhookTarget.FIELD, InvalidInput.Reason.RULE, DomainMessage.WEBHOOK_URL_UNRESOLVED,
                    target.host());
        }
    }
}
