package cn.keywork.supervision.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * The chain: each event's hash covers the previous event's hash and every stored field of the
 * event, each field length-prefixed so that no two different events encode alike. Version 1 is
 * plain SHA-256, which anyone with database rights can recompute after a forgery; version 2 is
 * HMAC-SHA256 with a key kept outside the database and also covers the event's number.
 */
final class AuditHash {

    static final String GENESIS = "0".repeat(64);
    static final int UNKEYED = 1;
    static final int KEYED = 2;

    private AuditHash() {
    }

    /** The fields of an event as stored, in the order they are hashed. */
    record Stored(Instant occurredAt, String actor, String actorRoles, String unitId, String action,
            String objectType, String objectId, String outcome, String changes, String detail, String requestId,
            String clientAddress) {
    }

    /** Version 1: SHA-256, for the events written before the chain was keyed. */
    static String of(String previousHash, Stored event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            feed(digest::update, previousHash, event);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Version 2: HMAC-SHA256 over the event's number, the previous hash and the event. */
    static String keyed(SecretKey key, long seq, String previousHash, Stored event) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            add(mac::update, Long.toString(seq));
            feed(mac::update, previousHash, event);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void feed(Consumer<byte[]> sink, String previousHash, Stored event) {
        add(sink, previousHash);
        add(sink, Long.toString(micros(event.occurredAt())));
        add(sink, event.actor());
        add(sink, event.actorRoles());
        add(sink, event.unitId());
        add(sink, event.action());
        add(sink, event.objectType());
        add(sink, event.objectId());
        add(sink, event.outcome());
        add(sink, event.changes());
        add(sink, event.detail());
        add(sink, event.requestId());
        add(sink, event.clientAddress());
    }

    /** PostgreSQL keeps microseconds: hash what is stored. */
    static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static void add(Consumer<byte[]> sink, String value) {
        if (value == null) {
            sink.accept("-1:".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sink.accept((bytes.length + ":").getBytes(StandardCharsets.UTF_8));
        sink.accept(bytes);
    }
}
