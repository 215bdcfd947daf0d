package cn.keywork.supervision.account.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.account.domain.RefreshToken;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Queries over refresh tokens: by hash, and revocation of a family or of an account's tokens. */
@ApplicationScoped
@WithSession
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    public Uni<RefreshToken> findByHash(String tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /**
     * Spends the token unless someone else already did: a conditional update, so of concurrent
     * exchanges exactly one wins (the others wait for its row lock, then match nothing).
     */
    public Uni<Boolean> spend(UUID id, Instant now) {
        return update("rotatedAt = ?1 where id = ?2 and rotatedAt is null and revokedAt is null", now, id)
                .map(updated -> updated == 1);
    }

    public Uni<Integer> revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", now, familyId);
    }

    public Uni<Integer> revokeAllOf(UUID userId, Instant now) {
        return update("revokedAt = ?1 where userId = ?2 and revokedAt is null", now, userId);
    }

    public Uni<Long> deleteExpiredBefore(Instant cutoff) {
        return delete("expiresAt < ?1", cutoff);
    }
}
