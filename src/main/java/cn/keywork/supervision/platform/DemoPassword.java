package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The demo accounts' password on the embedded default: the configured one
 * ({@code SUPERVISION_DEMO_PASSWORD}) if any, else one generated at the first start, written once to
 * the log and kept beside the data (mode 600), so that no published password opens the demo city.
 */
public final class DemoPassword {

    public static final String FILE_NAME = "demo-password";
    private static final Logger LOG = Logger.getLogger(DemoPassword.class);

    private DemoPassword() {
    }

    /**
     * The password for the demo accounts, with the data in {@code dataDirectory}; {@code earlierData}
     * when that directory held a database before this start.
     */
    public static String of(Optional<String> configured, Path dataDirectory, boolean earlierData) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get();
        }
        Path file = fileBeside(dataDirectory);
        if (earlierData && !Files.exists(file)) {
            // Data of an earlier version, whose demo accounts were made with the published password:
            // a new one here would be a password no account has.
            LOG.warnf("The demo accounts in %s were created with the published password %s: change it, or delete "
                    + "the data to start afresh with a generated one", dataDirectory, SupervisionConfig.Demo.PUBLISHED_PASSWORD);
            return SupervisionConfig.Demo.PUBLISHED_PASSWORD;
        }
        try {
            boolean first = !Files.exists(file);
            // Letters of both cases, digits and a dash: always meets the password policy.
            String password = Secrets.readOrCreate(file, "Demo-" + Secrets.generate(16));
            if (first) {
                LOG.warnf("Generated the password of the demo accounts (shown once, kept in %s): %s", file, password);
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the demo password in " + file, e);
        }
    }

    /** Whether {@code dataDirectory} holds a database already (asked before the database starts). */
    public static boolean holdsData(Path dataDirectory) {
        return Files.exists(dataDirectory.resolve("PG_VERSION"));
    }

    public static Path fileBeside(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolveSibling(FILE_NAME);
    }
}
