package cn.keywork.supervision.slip.domain;

import java.util.UUID;

/** A slip drafted from a month's proposals; {@code created} when drafted by the call answering it. */
public record ProposalDraft(UUID slipId, UUID taskId, SlipType type, SlipRule rule, SlipStatus status, boolean created) {
}
