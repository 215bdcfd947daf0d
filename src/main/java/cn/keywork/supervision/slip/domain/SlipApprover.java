package cn.keywork.supervision.slip.domain;

import java.time.Instant;
import java.util.UUID;

/** A city leader given the right to approve any supervision order (R9), beside each task's leader in charge. */
public record SlipApprover(UUID userId, String username, String displayName, String note, Instant grantedAt) {
}
