package cn.keywork.supervision.evaluation.service;

import java.util.UUID;

import cn.keywork.supervision.evaluation.domain.RoundStatus;
import io.smallrye.mutiny.Uni;

/**
 * Work that belongs to a round's move from one phase to the next and commits with it: results
 * computed when scoring closes, events appended when they are published, inquiries flagged when
 * their phase ends. Called inside the move's transaction, one listener after another; a listener
 * that refuses (a domain exception) refuses the move.
 */
public interface RoundPhaseListener {

    Uni<Void> onMove(UUID roundId, RoundStatus from, RoundStatus to);
}
