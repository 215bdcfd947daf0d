package cn.keywork.supervision.event.domain;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;

/**
 * A position in the event log's commit order: the writing transaction's id and the event's
 * sequence number, spelled {@code <txId>-<seq>}; {@code 0} is before the first event.
 */
public record FeedCursor(BigInteger txId, long seq) {

    public static final FeedCursor START = new FeedCursor(BigInteger.ZERO, 0);

    private static final Pattern TEXT = Pattern.compile("(\\d{1,20})-(\\d{1,19})");
    private static final BigInteger MAX_XID8 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** Reads a cursor the feed answered; absent or {@code 0} is the start. */
    public static FeedCursor parse(String field, String text) {
        if (text == null || text.isEmpty() || text.equals("0")) {
            return START;
        }
        Matcher matcher = TEXT.matcher(text);
        if (matcher.matches()) {
            BigInteger tx = new BigInteger(matcher.group(1));
            BigInteger seq = new BigInteger(matcher.group(2));
            if (tx.compareTo(MAX_XID8) <= 0 && seq.bitLength() < 64) {
                return new FeedCursor(tx, seq.longValueExact());
            }
        }
        throw InvalidInput.of(field, InvalidInput.Reason.FORMAT, DomainMessage.EVENT_CURSOR_INVALID, text);
    }

    @Override
    public String toString() {
        return txId.signum() == 0 && seq == 0 ? "0" : txId + "-" + seq;
    }
}
