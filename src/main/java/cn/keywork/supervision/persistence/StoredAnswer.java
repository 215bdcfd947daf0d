package cn.keywork.supervision.persistence;

/** A creating request's answer as stored for its Idempotency-Key: status, JSON body, Location and ETag. */
public record StoredAnswer(int status, String body, String location, String etag) {
}
