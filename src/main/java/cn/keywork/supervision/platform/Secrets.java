package cn.keywork.supervision.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.jboss.logging.Logger;

/** Generated secrets kept in files that only their owner can read, for the embedded defaults. */
public final class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class);
    /** Letters and digits only: safe to quote in SQL and to type. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String generate(int length) {
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return secret.toString();
    }

    /** The secret in {@code file}, or a new one written there (mode 600) when there is none. */
    static String readOrCreate(Path file, int length) throws IOException {
        return readOrCreate(file, generate(length));
    }

    /** The secret in {@code file}, or {@code secret} written there (mode 600) when there is none. */
    static String readOrCreate(Path file, String secret) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        return writePrivate(file, secret + "\n") ? secret : Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    /**
     * Writes {@code text} to a new {@code file} that is readable by its owner only from the moment it
     * exists (never briefly readable by others), in directories only the owner may enter; false when
     * another start wrote the file first (its text is then left as it is).
     */
    public static boolean writePrivate(Path file, String text) throws IOException {
        createPrivateDirectories(file.toAbsolutePath().getParent());
        Path draft = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(draft);
        try {
            Files.createFile(draft, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(draft);
            LOG.warnf("Cannot restrict the permissions of %s on this file system", file);
        }
        Files.writeString(draft, text, StandardCharsets.UTF_8);
        try {
            Files.move(draft, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(draft);
            return false;
        }
        return true;
    }

    /** A key in PEM text ({@code type} such as {@code PRIVATE KEY}), from its DER encoding. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Creates the directory and its missing parents; those it creates only their owner may enter. */
    static void createPrivateDirectories(Path directory) throws IOException {
        Path absolute = directory.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        createPrivateDirectories(absolute.getParent());
        try {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // Another start created it meanwhile.
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(absolute);
        }
    }
}
