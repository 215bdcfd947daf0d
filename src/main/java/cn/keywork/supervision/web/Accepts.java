package cn.keywork.supervision.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The {@code Accept} check of an operation whose answer is not JSON. Problems are JSON, and a
 * client accepting JSON is taken to accept them ({@link ProblemNegotiation}); so the framework
 * lets such a client reach an operation that answers, say, HTML. The operation asks here first.
 */
public final class Accepts {

    private Accepts() {
    }

    /** Refuses with 406, naming {@code type}, unless {@code Accept} allows it (no header allows anything). */
    public static void require(HttpHeaders headers, MediaType type) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(type) && !refused(accepted)) {
                return;
            }
        }
        throw new ApiProblem(ProblemType.NOT_ACCEPTABLE, WebMessage.NOT_ACCEPTABLE_TYPE,
                type.getType() + "/" + type.getSubtype());
    }

    /** {@code q=0}: the type is named only to refuse it. */
    private static boolean refused(MediaType accepted) {
        String quality = accepted.getParameters().get("q");
        if (quality == null) {
            return false;
        }
        try {
            return Double.parseDouble(quality.trim()) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
