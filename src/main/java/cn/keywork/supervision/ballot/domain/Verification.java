package cn.keywork.supervision.ballot.domain;

import java.util.List;
import java.util.UUID;

/** The outcome of checking a round's seals, results and digest against its stored ballots. */
public record Verification(boolean verified, int ballots, String digest, List<Finding> findings) {

    public enum Kind {
        SEAL_MISMATCH, RESULT_MISMATCH, DIGEST_MISMATCH
    }

    /** A difference: its kind and the subject concerned (none for the digest); never an evaluator. */
    public record Finding(Kind kind, UUID taskId) {
    }
}
