package cn.keywork.supervision.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Who is acting: the signed-in account of the current request, or the service itself (start-up,
 * scheduled runs). Services ask it for the unit scope of their queries.
 */
public record Actor(UUID userId, String username, Set<Role> roles, UUID unitId, boolean mustChangePassword) {

    public static final Actor SYSTEM = new Actor(null, "system", EnumSet.noneOf(Role.class), null, false);
    public static final Actor ANONYMOUS = new Actor(null, "anonymous", EnumSet.noneOf(Role.class), null, false);

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isSystem() {
        return this == SYSTEM;
    }

    /**
     * The unit this actor is confined to, if any: empty for the service itself and for city-wide
     * roles. A unit-bound account without a unit is confined to nothing at all (a random unit id).
     */
    public Optional<UUID> unitScope() {
        if (isSystem() || roles.stream().anyMatch(Role.CITY_WIDE::contains)) {
            return Optional.empty();
        }
        return Optional.of(unitId != null ? unitId : new UUID(0, 0));
    }

    /** Phones and e-mail of a unit's people: ADMIN, OFFICE and the unit itself. */
    public boolean seesPersonalDataOf(UUID unit) {
        return isSystem() || has(Role.ADMIN) || has(Role.OFFICE) || (unitId != null && unitId.equals(unit));
    }

    public String rolesText() {
        return roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }
}
