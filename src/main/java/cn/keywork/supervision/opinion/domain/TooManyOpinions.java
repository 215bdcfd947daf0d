package cn.keywork.supervision.opinion.domain;

/** A client address left as many opinions as an hour allows; the next is possible after {@code retryAfterSeconds}. */
public final class TooManyOpinions extends RuntimeException {

    private final long retryAfterSeconds;

    public TooManyOpinions(long retryAfterSeconds) {
        super("too many opinions from one address", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
