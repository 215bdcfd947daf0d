package cn.keywork.supervision.account.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A refresh token, stored as the SHA-256 of its value. Tokens of one sign-in form a family; each
 * use rotates the token, and a rotated token presented again revokes the family.
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    UUID id;

    @Column(name = "family_id")
    UUID familyId;

    @Column(name = "user_id")
    UUID userId;

    @Column(name = "token_hash")
    String tokenHash;

    @Column(name = "issued_at")
    Instant issuedAt;

    @Column(name = "expires_at")
    Instant expiresAt;

    @Column(name = "rotated_at")
    Instant rotatedAt;

    @Column(name = "revoked_at")
    Instant revokedAt;

    protected RefreshToken() {
    }

    public static RefreshToken issue(UUID userId, UUID familyId, String tokenHash, Instant now, Instant expiresAt) {
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.userId = userId;
        token.tokenHash = tokenHash;
        token.issuedAt = now;
        token.expiresAt = expiresAt;
        return token;
    }

    /** Already exchanged or revoked: presenting it again means someone else has a copy. */
    public boolean isSpent() {
        return rotatedAt != null || revokedAt != null;
    }

    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    public UUID id() {
        return id;
    }

    public UUID familyId() {
        return familyId;
    }

    public UUID userId() {
        return userId;
    }
}
