package cn.keywork.supervision.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;
import io.smallrye.mutiny.Uni;

/**
 * Limits sign-in and refresh attempts per username and per client address: token buckets of
 * {@code logins-per-username-per-minute} and {@code logins-per-address-per-minute}, refilled
 * continuously, kept in PostgreSQL ({@link SignInBuckets}) so that every instance on the database
 * counts against the same limit. One attempt costs one statement. An attempt takes a token from each
 * of its buckets that has one and is refused (429, Retry-After: the longest wait) when either was
 * empty. The account lockout ({@code sign_in_failure}) is the other, slower limit.
 */
@ApplicationScoped
public class LoginThrottle {

    private final SignInBuckets buckets;
    private final int perUsername;
    private final int perAddress;

    LoginThrottle(SignInBuckets buckets, SupervisionConfig config) {
        this.buckets = buckets;
        this.perUsername = config.security().loginsPerUsernamePerMinute();
        this.perAddress = config.security().loginsPerAddressPerMinute();
    }

    /** Takes one attempt for the username and the address, or fails with 429 and Retry-After. */
    public Uni<Void> attempt(String username, String address) {
        List<String> keys = new ArrayList<>(2);
        List<Integer> capacities = new ArrayList<>(2);
        if (username != null) {
            keys.add(usernameKey(username));
            capacities.add(perUsername);
        }
        if (address != null) {
            keys.add(addressKey(address));
            capacities.add(perAddress);
        }
        if (keys.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return buckets.take(keys, capacities).chain(takes -> {
            long wait = 0;
            for (SignInBuckets.Take take : takes) {
                if (!take.granted()) {
                    wait = Math.max(wait, take.retryAfterSeconds());
                }
            }
            return wait > 0 ? Uni.createFrom().failure(new TooManyAttempts(wait)) : Uni.createFrom().voidItem();
        });
    }

    static String usernameKey(String username) {
        return "user:" + username.toLowerCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "addr:" + address;
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
