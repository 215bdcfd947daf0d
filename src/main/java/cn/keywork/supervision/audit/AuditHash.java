package cn.keywork.supervision.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The chain: each event's hash is SHA-256 over the previous event's hash and every stored field
 * of the event, each field length-prefixed so that no two different events encode alike.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    /** The fields of an event as stored, in the order they are hashed. */
    record Stored(Instant occurredAt, String actor, String actorRoles, String unitId, String action,
            String objectType, String objectId, String outcome, String changes, String detail, String requestId,
            String clientAddress) {
    }

    static String of(String previousHash, Stored event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            add(digest, previousHash);
            add(digest, Long.toString(micros(event.occurredAt())));
            add(digest, event.actor());
            add(digest, event.actorRoles());
            add(digest, event.unitId());
            add(digest, event.action());
            add(digest, event.objectType());
            add(digest, event.objectId());
            add(digest, event.outcome());
            add(digest, event.changes());
            add(digest, event.detail());
            add(digest, event.requestId());
            add(digest, event.clientAddress());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PostgreSQL keeps microseconds: hash what is stored. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void add(MessageDigest digest, String value) {
        if (value == null) {
            digest.update("-1:".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
    }
}
