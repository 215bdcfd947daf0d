package cn.keywork.supervision.account.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When repeated failed sign-ins lock an account (等保 8.1.4: limit failed attempts). Counted twice:
 * per client address, strictly (five guesses lock that address out for a quarter of an hour), and
 * per account over every address, loosely (a short lock after many more). Someone guessing from
 * their own address therefore cannot lock the owner out, yet guessing from many addresses is still
 * slowed down.
 */
public record SignInLockout(Rule perAddress, Rule perAccount) {

    /** Failures counted since the last success or lock, and the lock they led to, if any. */
    public record Counter(int failures, Instant lastFailureAt, Instant lockedUntil) {

        public static final Counter NONE = new Counter(0, null, null);

        public boolean isLocked(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** {@code maxFailures} in a row lock for {@code lockout}; failures older than that are forgotten. */
    public record Rule(int maxFailures, Duration lockout) {

        public Counter afterFailure(Counter counter, Instant now) {
            boolean stale = counter.lastFailureAt() != null && counter.lastFailureAt().isBefore(now.minus(lockout));
            int failures = (stale ? 0 : counter.failures()) + 1;
            if (failures >= maxFailures) {
                return new Counter(0, now, now.plus(lockout));
            }
            return new Counter(failures, now, counter.lockedUntil());
        }
    }

    /** A sign-in from an address is refused while that address, or the account as a whole, is locked. */
    public boolean refuses(Counter fromAddress, Counter ofAccount, Instant now) {
        return fromAddress.isLocked(now) || ofAccount.isLocked(now);
    }
}
