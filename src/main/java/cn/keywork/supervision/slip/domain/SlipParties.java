package cn.keywork.supervision.slip.domain;

import java.util.Set;
import java.util.UUID;

/**
 * Who a slip concerns: the task's leader in charge (may be null), the units it is addressed to,
 * and whether the acting leader was given the right to approve any supervision order (R9).
 */
public record SlipParties(UUID leaderInChargeId, Set<UUID> targetUnitIds, boolean actorMayApproveAny) {

    public SlipParties {
        targetUnitIds = Set.copyOf(targetUnitIds);
    }

    public SlipParties(UUID leaderInChargeId, Set<UUID> targetUnitIds) {
        this(leaderInChargeId, targetUnitIds, false);
    }
}
