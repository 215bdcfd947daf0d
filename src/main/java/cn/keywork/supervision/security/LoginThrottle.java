package cn.keywork.supervision.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.scheduler.Scheduled;

/**
 * Limits sign-in and refresh attempts per username and per client address (token buckets, per
 * instance). The account lockout, kept in the database, is the cluster-wide limit; this one keeps
 * a single instance from being used to guess quickly.
 */
@ApplicationScoped
public class LoginThrottle {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perUsername;
    private final int perAddress;

    LoginThrottle(SupervisionConfig config) {
        this.perUsername = config.security().loginsPerUsernamePerMinute();
        this.perAddress = config.security().loginsPerAddressPerMinute();
    }

    /** Takes one attempt for the username and the address, or refuses with 429 and Retry-After. */
    public void attempt(String username, String address) {
        if (username != null) {
            take("user:" + username.toLowerCase(java.util.Locale.ROOT), perUsername);
        }
        if (address != null) {
            take("addr:" + address, perAddress);
        }
    }

    private void take(String key, int perMinute) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
            throw new TooManyAttempts(seconds);
        }
    }

    /** Drops buckets that are full again, so the map does not grow with every address ever seen. */
    @Scheduled(every = "5m", delayed = "5m")
    void forgetIdle() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= capacityOf(entry.getKey()));
    }

    private long capacityOf(String key) {
        return key.startsWith("user:") ? perUsername : perAddress;
    }

    /** A 429 problem that carries how long to wait. */
    public static final class TooManyAttempts extends ApiProblem {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super(ProblemType.TOO_MANY_REQUESTS, WebMessage.SIGN_IN_THROTTLED, retryAfterSeconds);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
