package cn.keywork.supervision.serviceaccount.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Client ids and secrets of service accounts. A secret is 32 random bytes (base64url); being of
 * full entropy it is kept as a plain SHA-256 (a slow password hash adds nothing against guessing
 * 256 bits) and compared in constant time.
 */
public final class ClientSecrets {

    public static final String CLIENT_ID_PREFIX = "svc_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientSecrets() {
    }

    public static String newClientId() {
        return CLIENT_ID_PREFIX + random(16);
    }

    public static String newSecret() {
        return random(32);
    }

    /** SHA-256 of the secret's UTF-8 bytes, as 64 hex digits. */
    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether two hashes are the same, in time that does not depend on where they differ. */
    static boolean same(String storedHash, String presentedHash) {
        if (storedHash == null || presentedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(storedHash.getBytes(StandardCharsets.US_ASCII),
                presentedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
