package cn.keywork.supervision.web;

/**
 * Versions as strong entity tags ({@code "3"}) and the If-Match rules: missing → 428, stale → 412.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** The version the client last read, from its If-Match; refuses a missing or malformed one. */
    public static long required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(ProblemType.PRECONDITION_REQUIRED, WebMessage.IF_MATCH_REQUIRED);
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            throw ApiProblem.invalid("If-Match", FieldErrorCode.FORMAT, WebMessage.IF_MATCH_WEAK);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("If-Match", FieldErrorCode.FORMAT, WebMessage.IF_MATCH_UNKNOWN);
        }
    }

    /** Refuses the change unless the client read the current version. */
    public static void check(long expected, long current, String what) {
        if (expected != current) {
            throw new ApiProblem(ProblemType.PRECONDITION_FAILED, WebMessage.STALE_ETAG, what, of(current));
        }
    }
}
