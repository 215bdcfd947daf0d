package cn.keywork.supervision.serviceaccount.domain;

import java.time.Instant;
import java.util.UUID;

import cn.keywork.supervision.security.Role;

/** A service account as answered: its credentials' state and its account's role, unit and active flag; never a hash. */
public record ServiceAccountView(UUID id, String name, String description, String clientId, Role role, UUID unitId,
        boolean active, Instant lastUsedAt, Instant secretCreatedAt, Instant previousSecretExpiresAt, long version,
        Instant createdAt, Instant updatedAt) {
}
