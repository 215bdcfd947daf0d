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
 * Limits the anonymous public operations per client address (token buckets, per instance): a
 * mirroring portal gets its fill, a scraper does not get the database.
 * <p>
 * Unlike {@link LoginThrottle}, the buckets stay in each instance's memory on purpose: the public
 * operations are cacheable reads that need nothing but a read of the database (so they can be served
 * from a read replica), and a shared bucket would add a write on the primary to every one of them.
 * Behind a balancer over N instances a client therefore gets up to N times
 * {@code supervision.public.requests-per-minute-per-address}; set it to the wanted limit divided by
 * N, or limit at the balancer (README "Scaling").
 */
@ApplicationScoped
public class PublicThrottle {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;

    PublicThrottle(SupervisionConfig config) {
        this.perMinute = config.disclosure().requestsPerMinutePerAddress();
    }

    /** Takes one request for the address, or refuses with 429 and Retry-After. */
    public void take(String address) {
        Bucket bucket = buckets.computeIfAbsent(address == null ? "" : address, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequests(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1));
        }
    }

    /** Drops buckets that are full again, so the map does not grow with every address ever seen. */
    @Scheduled(every = "5m", delayed = "5m")
    void forgetIdle() {
        buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= perMinute);
    }

    /** A 429 problem that carries how long to wait. */
    public static final class TooManyRequests extends ApiProblem {
        private final long retryAfterSeconds;

        TooManyRequests(long retryAfterSeconds) {
            super(ProblemType.TOO_MANY_REQUESTS, WebMessage.PUBLIC_THROTTLED, retryAfterSeconds);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
