package cn.keywork.supervision.evaluation.domain;

import java.util.UUID;

import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;

/**
 * Which rounds, subjects and reports an actor sees: all of them (the office, assessment, leaders,
 * auditors, the service itself), those of the panels an evaluator sits on ({@code evaluatorUser}),
 * or those of a unit's tasks as lead or cooperating unit ({@code unit}).
 */
public record RoundScope(UUID evaluatorUser, UUID unit) {

    public static final RoundScope ALL = new RoundScope(null, null);

    public static RoundScope of(Actor actor) {
        if (actor.isSystem() || actor.has(Role.OFFICE) || actor.has(Role.ASSESSMENT) || actor.has(Role.LEADER)
                || actor.has(Role.AUDITOR)) {
            return ALL;
        }
        if (actor.has(Role.EVALUATOR)) {
            return new RoundScope(actor.userId(), null);
        }
        return new RoundScope(null, actor.unitId() != null ? actor.unitId() : new UUID(0, 0));
    }

    /** Whether the actor may manage rounds (prepare, change, move, set panels, record hearings). */
    public static boolean manages(Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE) || actor.has(Role.ASSESSMENT);
    }

    public boolean all() {
        return evaluatorUser == null && unit == null;
    }
}
