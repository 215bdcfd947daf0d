package cn.keywork.supervision.webhook.domain;

/**
 * What one attempt got: the receiver's status code, or the error that kept it from answering;
 * how long it took.
 */
public record Attempt(Integer statusCode, String error, int latencyMs) {

    public boolean delivered() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
