package cn.keywork.supervision.ballot.domain;

import java.math.BigDecimal;
import java.util.UUID;

/** A subject's stored result with its task and lead unit; score, rate and rank are null when not rated. */
public record SubjectResult(UUID taskId, String taskCode, String taskTitle, UUID leadUnitId, String leadUnitName,
        BigDecimal score, BigDecimal satisfactionRate, Integer rank, int ballots, int panel, boolean rated, boolean trimmed) {
}
