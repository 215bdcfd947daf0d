package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Keeps the service's scratch files (request bodies the HTTP layer spools to disk, Vert.x' file
 * cache) in one directory of this process, readable only by its user (mode 700) and removed when
 * the JVM exits. Quarkus' default, {@code ${java.io.tmpdir}/uploads}, is shared by every user and
 * instance on the machine: once another user has created it, uploads fail, and files in it may be
 * read by others. A value set in application.properties or the environment still wins.
 */
public class ScratchDirectoryConfigSourceFactory implements ConfigSourceFactory {

    static final String UPLOADS_DIRECTORY = "quarkus.http.body.uploads-directory";
    static final String VERTX_CACHE_DIRECTORY = "quarkus.vertx.cache-directory";
    /** Below application.properties (250) and the environment (300): only a default. */
    private static final int DEFAULTS_ORDINAL = 200;

    private static Path directory;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isPackaging()) {
            return List.of();
        }
        Path scratch = directory();
        return List.of(new PropertiesConfigSource(Map.of(
                UPLOADS_DIRECTORY, scratch.resolve("uploads").toString(),
                VERTX_CACHE_DIRECTORY, scratch.resolve("vertx-cache").toString()),
                "private-scratch-directory", DEFAULTS_ORDINAL));
    }

    /** This process' scratch directory, created on first use (tests start Quarkus several times per JVM). */
    static synchronized Path directory() {
        if (directory == null) {
            try {
                Path created = Files.createTempDirectory("key-work-supervision-", ownerOnly());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created), "scratch-directory-cleanup"));
                directory = created;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create a private scratch directory", e);
            }
        }
        return directory;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) };
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Best effort at exit: the directory is private, and the system cleans its temporary directory.
        }
    }

    /**
     * Quarkus also reads configuration while it builds the application and would record this
     * process' directory as a default in the package; during the build this class is loaded by the
     * deployment class loader.
     */
    private boolean isPackaging() {
        return String.valueOf(getClass().getClassLoader()).contains("Deployment Class Loader");
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(100);
    }
}
