package cn.keywork.supervision.ballot.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditKeys;
import cn.keywork.supervision.ballot.domain.BallotContent;

/**
 * Seals a ballot: HMAC-SHA256 over its canonical content with a key derived from the audit chain
 * key, which the database does not hold. A row changed in the database no longer matches its seal,
 * and a seal cannot be forged for it without the key.
 */
@ApplicationScoped
public class BallotSeal {

    static final String PURPOSE = "evaluation ballot seal";

    private final SecretKey key;

    BallotSeal(AuditKeys keys) {
        this.key = keys.derivedKey(PURPOSE);
    }

    public String of(BallotContent content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the seal is the content's, compared in constant time. */
    public boolean matches(BallotContent content, String seal) {
        return seal != null && MessageDigest.isEqual(of(content).getBytes(StandardCharsets.US_ASCII),
                seal.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
