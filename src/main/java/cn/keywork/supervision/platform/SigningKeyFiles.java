package cn.keywork.supervision.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

import org.jboss.logging.Logger;

/**
 * The RSA key pair that signs access tokens when the service runs on its embedded defaults:
 * generated once into the data directory (private key readable by the owner only) and reused.
 * Production configures its own key files instead.
 */
final class SigningKeyFiles {

    private static final Logger LOG = Logger.getLogger(SigningKeyFiles.class);

    final Path privateKey;
    final Path publicKey;

    private SigningKeyFiles(Path directory) {
        this.privateKey = directory.resolve("token-signing-private.pem");
        this.publicKey = directory.resolve("token-signing-public.pem");
    }

    static synchronized SigningKeyFiles in(Path directory) {
        SigningKeyFiles files = new SigningKeyFiles(directory);
        if (Files.exists(files.privateKey) && Files.exists(files.publicKey)) {
            return files;
        }
        try {
            Secrets.createPrivateDirectories(directory);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            write(files.privateKey, "PRIVATE KEY", pair.getPrivate().getEncoded(), true);
            write(files.publicKey, "PUBLIC KEY", pair.getPublic().getEncoded(), false);
            LOG.infof("Generated the token signing key pair in %s", directory);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the token signing keys to " + directory, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
        if (secret) {
            Secrets.writePrivate(file, Secrets.pem(type, der));
        } else {
            Files.writeString(file, Secrets.pem(type, der), StandardCharsets.US_ASCII);
        }
    }
}
