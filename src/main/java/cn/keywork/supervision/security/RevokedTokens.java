package cn.keywork.supervision.security;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import io.smallrye.mutiny.Uni;

/**
 * Tells whether an access token was issued before its account's cut-off (sign-out, deactivation,
 * role, unit or password change). The cut-off lives in the database so every instance sees it;
 * each instance relies on what it read for at most {@code revocation-check-interval}, which bounds
 * how long an old token keeps working, at the price of one primary-key read per account and interval.
 */
@ApplicationScoped
public class RevokedTokens {

    /** Enough for every account of a city; beyond it the cache starts over rather than grow. */
    private static final int MAX_CACHED = 50_000;

    private record Known(Instant cutoff, long readAtNanos) {
    }

    private final Map<UUID, Known> known = new ConcurrentHashMap<>();
    private final TokenCutoffs cutoffs;
    private final long intervalNanos;

    RevokedTokens(TokenCutoffs cutoffs, SupervisionConfig config) {
        this.cutoffs = cutoffs;
        this.intervalNanos = config.security().revocationCheckInterval().toNanos();
    }

    /** Whether a token of {@code userId} issued at {@code issuedAtMillis} has been revoked. */
    public Uni<Boolean> isRevoked(UUID userId, long issuedAtMillis) {
        Known cached = known.get(userId);
        if (cached != null && System.nanoTime() - cached.readAtNanos() < intervalNanos) {
            return Uni.createFrom().item(revokes(cached.cutoff(), issuedAtMillis));
        }
        return cutoffs.cutoffOf(userId).map(cutoff -> {
            if (intervalNanos > 0) {
                if (known.size() >= MAX_CACHED) {
                    known.clear();
                }
                known.put(userId, new Known(cutoff, System.nanoTime()));
            }
            return revokes(cutoff, issuedAtMillis);
        });
    }

    /** This instance changed the cut-off: read it afresh next time. */
    public void forget(UUID userId) {
        known.remove(userId);
    }

    private static boolean revokes(Instant cutoff, long issuedAtMillis) {
        return cutoff != null && issuedAtMillis < cutoff.toEpochMilli();
    }
}
