package cn.keywork.supervision.web;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.persistence.StoredAnswer;
import io.smallrye.mutiny.Uni;

/**
 * The HTTP face of idempotent creation: takes the Idempotency-Key a client sent and answers the
 * stored outcome, marking a replay with {@code Idempotency-Replayed: true}. Claiming, storing and
 * replaying keys is {@link cn.keywork.supervision.persistence.Idempotency}'s.
 */
@ApplicationScoped
public class Idempotency {

    public static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private final cn.keywork.supervision.persistence.Idempotency records;

    Idempotency(cn.keywork.supervision.persistence.Idempotency records) {
        this.records = records;
    }

    /** Serialises an answer the way the service writes bodies, to store and to send alike. */
    public StoredAnswer answer(int status, Object body, String location, String etag) {
        return records.answer(status, body, location, etag);
    }

    /** Runs {@code action} unless this caller ({@code scope}) already sent {@code key}; see the persistence side. */
    public Uni<Response> run(String scope, String key, String operation, Object request, Supplier<Uni<StoredAnswer>> action) {
        return records.run(scope, key, operation, request, action)
                .map(outcome -> response(outcome.answer(), outcome.replayed()));
    }

    private static Response response(StoredAnswer answer, boolean replayed) {
        Response.ResponseBuilder response = Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(answer.body());
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            response.header(HttpHeaders.ETAG, answer.etag());
        }
        if (replayed) {
            response.header(REPLAYED_HEADER, "true");
        }
        return response.build();
    }
}
