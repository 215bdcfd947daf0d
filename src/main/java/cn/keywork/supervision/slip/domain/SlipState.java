package cn.keywork.supervision.slip.domain;

/**
 * What the moves of a slip depend on: its type, its status and whether the office has accepted
 * the latest response.
 */
public record SlipState(SlipType type, SlipStatus status, boolean responseAccepted) {

    public static SlipState of(SlipType type, SlipStatus status) {
        return new SlipState(type, status, false);
    }
}
