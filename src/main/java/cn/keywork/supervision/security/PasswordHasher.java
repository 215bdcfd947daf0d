package cn.keywork.supervision.security;

import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;
import cn.keywork.supervision.web.WebMessage;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…}), so the parameters
 * travel with each hash and can be raised later without breaking existing ones. Blocking: callers
 * run it through {@link Offload}.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int WAIT_SECONDS = 3;

    private final Argon2Function function;
    /**
     * Each check holds its memory cost (19 MiB by default) while it runs: as many at once as there are
     * cores, which is also all the cores can compute; more would only wait for CPU while holding heap.
     */
    private final Semaphore running = new Semaphore(Runtime.getRuntime().availableProcessors(), true);
    /** Verified against when the username is unknown, so that timing does not reveal accounts; made at first need. */
    private volatile String decoy;

    PasswordHasher(SupervisionConfig config) {
        SupervisionConfig.PasswordHash params = config.security().passwordHash();
        this.function = Argon2Function.getInstance(params.memoryKib(), params.iterations(), params.parallelism(),
                HASH_BYTES, Argon2.ID, 19);
    }

    public String hash(String password) {
        return bounded(() -> Password.hash(password).addRandomSalt(SALT_BYTES).with(function).getResult());
    }

    /** Whether the password matches the stored hash; a null hash (unknown account) never matches. */
    public boolean matches(String password, String storedHash) {
        String against = storedHash == null ? decoy() : storedHash;
        boolean matches = bounded(() -> Password.check(password, against).with(Argon2Function.getInstanceFromHash(against)));
        return storedHash != null && matches;
    }

    private String decoy() {
        String made = decoy;
        if (made == null) {
            made = hash("decoy-password-for-unknown-accounts");
            decoy = made;
        }
        return made;
    }

    /**
     * Runs a check once a core is free. A burst waits at most {@value #WAIT_SECONDS} s for one: beyond,
     * the caller is told to retry (503 with Retry-After) at once instead of waiting in a queue that
     * outlasts its patience.
     */
    private <T> T bounded(Supplier<T> work) {
        try {
            if (!running.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new Busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        try {
            return work.get();
        } finally {
            running.release();
        }
    }

    /** All cores are checking passwords: a 503 problem that says when to retry. */
    public static final class Busy extends ApiProblem {

        Busy() {
            super(ProblemType.UNAVAILABLE, WebMessage.PASSWORD_CHECKS_BUSY);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "1");
        }
    }
}
