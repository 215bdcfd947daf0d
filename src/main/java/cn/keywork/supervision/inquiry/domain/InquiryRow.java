package cn.keywork.supervision.inquiry.domain;

import java.time.Instant;
import java.util.UUID;

/** An inquiry as stored, with the kind of its evaluator, the round's period and the task's code. */
public record InquiryRow(UUID id, UUID roundId, String period, UUID taskId, String code, UUID unitId, UUID evaluatorId,
        String evaluatorKind, String question, boolean isPublic, Instant askedAt, Instant answerDue, String answer,
        Instant answeredAt, Boolean satisfactory, Instant judgedAt, Instant overdueAt, long version) {

    public InquiryStatus status(Instant now) {
        return InquiryStatus.of(answeredAt, judgedAt, overdueAt, answerDue, now);
    }
}
