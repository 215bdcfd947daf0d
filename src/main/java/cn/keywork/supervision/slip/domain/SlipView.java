package cn.keywork.supervision.slip.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A slip with its responses and the history of its moves. */
public record SlipView(SlipRow row, List<Response> responses, List<Move> moves) {

    /** A target unit's answer and the office's decision on it ({@code decision} RETURNED or ACCEPTED, or null). */
    public record Response(int number, UUID unitId, String text, String respondedBy, Instant respondedAt,
            String decision, String decisionNote, Instant decidedAt) {
    }

    /** One move: who made it, when, from where to where, with what comment or outcome. */
    public record Move(int number, SlipAction action, SlipStatus from, SlipStatus to, String comment,
            SlipOutcome outcome, String by, Instant at) {
    }
}
