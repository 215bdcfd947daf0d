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

    /** The password for the demo accounts, with the data in {@code dataDirectory}. */
    public static String of(Optional<String> configured, Path dataDirectory) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get();
        }
        Path file = fileBeside(dataDirectory);
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

    public static Path fileBeside(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().resolveSibling(FILE_NAME);
    }
}
