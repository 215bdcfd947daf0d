package cn.keywork.supervision.opinion.domain;

import java.time.Instant;
import java.util.UUID;

/** A public opinion as stored, with its task's code. {@code contact} is personal data: never public. */
public record OpinionRow(UUID id, UUID taskId, String code, String text, String nickname, String contact,
        OpinionStatus status, String reply, String reason, Instant createdAt, Instant moderatedAt, long version) {
}
