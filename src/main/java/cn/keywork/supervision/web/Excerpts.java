package cn.keywork.supervision.web;

/** What a problem may quote of a request: a short excerpt, so that no answer grows with what was sent. */
public final class Excerpts {

    /** Longest quote, in characters, ellipsis included. */
    public static final int MAX_LENGTH = 64;

    private Excerpts() {
    }

    public static String of(String sent) {
        if (sent == null || sent.codePointCount(0, sent.length()) <= MAX_LENGTH) {
            return sent;
        }
        return sent.substring(0, sent.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…";
    }
}
