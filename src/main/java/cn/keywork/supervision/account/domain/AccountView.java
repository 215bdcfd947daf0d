package cn.keywork.supervision.account.domain;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import cn.keywork.supervision.security.Role;

/** An account as read; never its password hash. */
public record AccountView(UUID id, String username, String displayName, UUID unitId, Set<Role> roles, String mobile,
        String email, boolean active, boolean mustChangePassword, boolean locked, long version, Instant createdAt,
        Instant updatedAt) {
}
