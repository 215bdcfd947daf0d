package cn.keywork.supervision.slip.domain;

import java.util.Set;
import java.util.UUID;

import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * Which slips an account sees. The office and city leaders see every slip; a unit account sees
 * the issued slips addressed or copied to its unit; the roles slips are copied to (the assessment
 * and leading-group offices by default) see the issued supervision orders; anyone else none.
 */
public record SlipScope(Kind kind, UUID unitId) {

    public enum Kind {
        ALL, UNIT, COPIES, NONE
    }

    public static SlipScope of(Actor actor, Set<Role> copyRoles) {
        if (actor.isSystem() || actor.has(Role.OFFICE) || actor.has(Role.LEADER)) {
            return new SlipScope(Kind.ALL, null);
        }
        if ((actor.has(Role.UNIT_HEAD) || actor.has(Role.UNIT_LIAISON)) && actor.unitId() != null) {
            return new SlipScope(Kind.UNIT, actor.unitId());
        }
        if (actor.roles().stream().anyMatch(copyRoles::contains)) {
            return new SlipScope(Kind.COPIES, null);
        }
        return new SlipScope(Kind.NONE, null);
    }
}
