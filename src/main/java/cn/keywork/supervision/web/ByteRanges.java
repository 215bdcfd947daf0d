package cn.keywork.supervision.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import cn.keywork.supervision.domain.RangeNotSatisfiable;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14): {@code bytes=a-b}, {@code bytes=a-} or
 * {@code bytes=-n}. Anything else, several ranges included, is ignored (the whole file is sent), as
 * the RFC allows; a range starting beyond the end is refused (416).
 */
public final class ByteRanges {

    private static final Pattern ONE = Pattern.compile("^\\s*bytes\\s*=\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*$");

    /** First and last byte, both included. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }

        public String contentRange(long size) {
            return "bytes " + first + "-" + last + "/" + size;
        }
    }

    private ByteRanges() {
    }

    /** The range asked for, or null for the whole file. */
    public static Range parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = ONE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new RangeNotSatisfiable(size);
            }
            return new Range(Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
            return null;
        }
        if (first >= size) {
            throw new RangeNotSatisfiable(size);
        }
        long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
        return new Range(first, Math.min(last, size - 1));
    }

    /** Whether {@code If-None-Match} names {@code etag} (quoted) or is {@code *}. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim();
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.equals("*") || t.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
