package cn.keywork.supervision.security;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

import cn.keywork.supervision.platform.SupervisionConfig;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=…}), so the parameters
 * travel with each hash and can be raised later without breaking existing ones. Blocking: callers
 * run it through {@link Offload}.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

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

    private <T> T bounded(Supplier<T> work) {
        running.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            running.release();
        }
    }
}
