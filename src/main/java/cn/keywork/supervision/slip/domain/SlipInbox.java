package cn.keywork.supervision.slip.domain;

import java.util.UUID;

import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * Whose inbox is read: the unit of a unit account (slips addressed to it awaiting its signature or
 * answer) and the user of a city leader (supervision orders awaiting its decision). Either may be
 * null; both null means an empty inbox.
 */
public record SlipInbox(UUID unitId, UUID leaderId) {

    public static SlipInbox of(Actor actor) {
        UUID unit = (actor.has(Role.UNIT_HEAD) || actor.has(Role.UNIT_LIAISON)) ? actor.unitId() : null;
        UUID leader = actor.has(Role.LEADER) ? actor.userId() : null;
        return new SlipInbox(unit, leader);
    }

    public boolean isEmpty() {
        return unitId == null && leaderId == null;
    }
}
