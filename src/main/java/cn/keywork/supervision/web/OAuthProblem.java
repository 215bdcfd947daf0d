package cn.keywork.supervision.web;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;

import cn.keywork.supervision.domain.MessageKey;

/**
 * A refusal of the OAuth 2.0 client-credentials grant: the service's problem, with the RFC 6749
 * §5.2 code in an extra member {@code error} that OAuth client libraries read.
 */
public final class OAuthProblem extends ApiProblem {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

    private final String error;
    private final String basicRealm;

    private OAuthProblem(ProblemType type, String error, String basicRealm, MessageKey key, Object... arguments) {
        super(type, key, arguments);
        this.error = error;
        this.basicRealm = basicRealm;
    }

    /** A malformed request (400) with its code: {@code invalid_request} or {@code unsupported_grant_type}. */
    public static OAuthProblem badRequest(String error, MessageKey key, Object... arguments) {
        return new OAuthProblem(ProblemType.BAD_REQUEST, error, null, key, arguments);
    }

    /** The client was not authenticated (401 {@code invalid_client}); a client that used HTTP Basic is told its realm. */
    public static OAuthProblem invalidClient(String basicRealm, MessageKey key) {
        return new OAuthProblem(ProblemType.UNAUTHORIZED, INVALID_CLIENT, basicRealm, key);
    }

    public String error() {
        return error;
    }

    @Override
    public Map<String, String> members() {
        return Map.of("error", error);
    }

    @Override
    public Map<String, String> headers() {
        return basicRealm == null ? Map.of()
                : Map.of(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + basicRealm + "\", charset=\"UTF-8\"");
    }
}
