package cn.keywork.supervision.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.platform.Secrets;
import cn.keywork.supervision.platform.SupervisionConfig;
import io.quarkus.runtime.Startup;

/**
 * The two secrets that let the trail be checked without trusting the database: the HMAC key of the
 * chain and the RSA key that signs checkpoints. Read at start; without them the service refuses to
 * start, unless it runs on the embedded default, which generates them once beside its data.
 */
@Startup
@ApplicationScoped
public class AuditKeys {

    static final String CHAIN_KEY_FILE = "audit-chain.key";
    static final String CHECKPOINT_KEY_FILE = "audit-checkpoint-private.pem";
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final int MINIMUM_CHAIN_KEY_BYTES = 32;
    private static final Logger LOG = Logger.getLogger(AuditKeys.class);

    private final SecretKey chainKey;
    private final String chainKeyId;
    private final PrivateKey checkpointKey;
    private final PublicKey checkpointPublicKey;
    private final String checkpointKeyId;

    AuditKeys(SupervisionConfig config) {
        SupervisionConfig.Audit audit = config.audit();
        Optional<Path> generated = audit.defaultKeyDirectory().map(Path::of);
        String chainLocation = audit.chainKeyLocation()
                .or(() -> generated.map(dir -> generateChainKey(dir.resolve(CHAIN_KEY_FILE)).toString()))
                .orElseThrow(() -> missing("SUPERVISION_AUDIT_CHAIN_KEY_LOCATION", "the secret that keys the audit chain"));
        String checkpointLocation = audit.checkpointKeyLocation()
                .or(() -> generated.map(dir -> generateCheckpointKey(dir.resolve(CHECKPOINT_KEY_FILE)).toString()))
                .orElseThrow(() -> missing("SUPERVISION_AUDIT_CHECKPOINT_KEY_LOCATION",
                        "the RSA private key (PKCS #8 PEM) that signs audit checkpoints"));
        this.chainKey = chainKey(chainLocation);
        this.chainKeyId = HexFormat.of().formatHex(hmac(chainKey, "key id".getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        this.checkpointKey = rsaPrivateKey(checkpointLocation);
        this.checkpointPublicKey = publicOf(checkpointKey);
        this.checkpointKeyId = sha256Hex(checkpointPublicKey.getEncoded());
        if (audit.checkpointInterval().compareTo(java.time.Duration.ofDays(1)) > 0 || audit.checkpointInterval().isNegative()
                || audit.checkpointInterval().isZero()) {
            throw new IllegalStateException("supervision.audit.checkpoint-interval must be positive and at most a day");
        }
    }

    SecretKey chainKey() {
        return chainKey;
    }

    /** Names the chain key without revealing it: the first 16 hex digits of its HMAC of "key id". */
    String chainKeyId() {
        return chainKeyId;
    }

    /**
     * A keyed hash (HMAC-SHA-256, hex) of {@code value} under a key derived from the chain key for
     * {@code purpose}: lets a feature recognise a value again (a client address) without keeping it.
     */
    public String keyedHash(String purpose, String value) {
        return HexFormat.of().formatHex(hmac(derivedKey(purpose), value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A key for another feature's keyed hashes (ballot seals), derived from the chain key as
     * HMAC(chain key, purpose): kept with the chain key, never the chain key itself.
     */
    public SecretKey derivedKey(String purpose) {
        return new SecretKeySpec(hmac(chainKey, ("derived key: " + purpose).getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
    }

    public String checkpointKeyId() {
        return checkpointKeyId;
    }

    public String checkpointPublicKeyPem() {
        return Secrets.pem("PUBLIC KEY", checkpointPublicKey.getEncoded());
    }

    String sign(String statement) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initSign(checkpointKey);
            signature.update(statement.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean signed(String statement, String base64Signature) {
        try {
            Signature signature = Signature.getInstance(SIGNATURE_ALGORITHM);
            signature.initVerify(checkpointPublicKey);
            signature.update(statement.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature.trim()));
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generates a 256-bit chain key into {@code file} unless it exists; readable by the owner only. */
    static synchronized Path generateChainKey(Path file) {
        if (!Files.exists(file)) {
            byte[] key = new byte[MINIMUM_CHAIN_KEY_BYTES];
            new SecureRandom().nextBytes(key);
            writeSecret(file, Base64.getEncoder().encodeToString(key) + "\n");
            LOG.infof("Generated the audit chain key in %s", file);
        }
        return file;
    }

    /** Generates an RSA-3072 checkpoint signing key into {@code file} unless it exists. */
    static synchronized Path generateCheckpointKey(Path file) {
        if (!Files.exists(file)) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(3072);
                writeSecret(file, Secrets.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
                LOG.infof("Generated the audit checkpoint signing key in %s", file);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return file;
    }

    private static void writeSecret(Path file, String text) {
        try {
            Secrets.writePrivate(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static SecretKey chainKey(String location) {
        byte[] key;
        try {
            key = Base64.getMimeDecoder().decode(read(location).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The audit chain key at " + location + " is not Base64", e);
        }
        if (key.length < MINIMUM_CHAIN_KEY_BYTES) {
            throw new IllegalStateException("The audit chain key at " + location + " must hold at least "
                    + MINIMUM_CHAIN_KEY_BYTES + " bytes (e.g. openssl rand -base64 32)");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    private static PrivateKey rsaPrivateKey(String location) {
        String pem = read(location);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalStateException("The audit checkpoint key at " + location
                    + " must be an RSA private key in PKCS #8 PEM (-----BEGIN PRIVATE KEY-----)");
        }
        String body = pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27, pem.indexOf("-----END PRIVATE KEY-----"));
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The audit checkpoint key at " + location + " is not an RSA private key", e);
        }
    }

    private static PublicKey publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The audit checkpoint key must be a complete RSA private key");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file path, a {@code file:} URI or a {@code classpath:} resource (a bare name not on disk is looked up there too). */
    private static String read(String location) {
        try {
            if (location.startsWith("file:")) {
                return Files.readString(Path.of(URI.create(location)), StandardCharsets.US_ASCII);
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : null;
            if (resource == null && Files.isRegularFile(Path.of(location))) {
                return Files.readString(Path.of(location), StandardCharsets.US_ASCII);
            }
            String name = resource == null ? location : resource;
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name.startsWith("/") ? name.substring(1) : name)) {
                if (in == null) {
                    throw new IllegalStateException("No audit key at " + location);
                }
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the audit key at " + location, e);
        }
    }

    private static IllegalStateException missing(String variable, String what) {
        return new IllegalStateException("No audit key: set " + variable + " to " + what + "; see README, Audit trail.");
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
