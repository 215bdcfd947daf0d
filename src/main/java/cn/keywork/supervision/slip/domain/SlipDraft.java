package cn.keywork.supervision.slip.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The content of a slip as the office drafts it. {@code targetUnitIds} null means the task's lead
 * unit; {@code overrideReason} is why the office proceeds against a rule, or null.
 */
public record SlipDraft(SlipType type, UUID taskId, UUID subItemId, List<UUID> targetUnitIds, String requirements,
        LocalDate responseDeadline, List<UUID> copyToUnitIds, String overrideReason) {

    public SlipDraft {
        targetUnitIds = targetUnitIds == null ? null : List.copyOf(targetUnitIds);
        copyToUnitIds = copyToUnitIds == null ? List.of() : List.copyOf(copyToUnitIds);
    }
}
