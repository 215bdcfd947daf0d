package cn.keywork.supervision.slip.domain;

import java.util.Set;
import java.util.UUID;

/** Who a slip concerns: the task's leader in charge (may be null) and the units it is addressed to. */
public record SlipParties(UUID leaderInChargeId, Set<UUID> targetUnitIds) {

    public SlipParties {
        targetUnitIds = Set.copyOf(targetUnitIds);
    }
}
