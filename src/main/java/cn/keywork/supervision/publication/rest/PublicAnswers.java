package cn.keywork.supervision.publication.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.platform.SupervisionConfig;

/**
 * Answers of the public operations: the body's own digest as a strong ETag, {@code 304 Not
 * Modified} when the client's {@code If-None-Match} names it, and {@code Cache-Control: public}
 * so portals and caches may mirror it.
 */
@ApplicationScoped
public class PublicAnswers {

    private final ObjectMapper json;
    private final String cacheControl;

    PublicAnswers(ObjectMapper json, SupervisionConfig config) {
        this.json = json;
        this.cacheControl = "public, max-age=" + config.disclosure().maxAge().toSeconds();
    }

    public Response json(Object body, String ifNoneMatch) {
        return json(body, "application/json", ifNoneMatch);
    }

    Response json(Object body, String mediaType, String ifNoneMatch) {
        try {
            return bytes(json.writeValueAsBytes(body), mediaType, ifNoneMatch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A public answer could not be written as JSON", e);
        }
    }

    Response text(String body, String mediaType, String ifNoneMatch) {
        return bytes(body.getBytes(StandardCharsets.UTF_8), mediaType + ";charset=UTF-8", ifNoneMatch);
    }

    Response bytes(byte[] body, String mediaType, String ifNoneMatch) {
        return answer(new Body(body, mediaType, tagOf(body)), ifNoneMatch);
    }

    /** A JSON answer written once, to be sent as often as asked. */
    Body body(Object value) {
        try {
            byte[] bytes = json.writeValueAsBytes(value);
            return new Body(bytes, "application/json", tagOf(bytes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A public answer could not be written as JSON", e);
        }
    }

    Response answer(Body body, String ifNoneMatch) {
        if (matches(ifNoneMatch, body.etag())) {
            return Response.notModified().header("ETag", body.etag()).header("Cache-Control", cacheControl).build();
        }
        return Response.ok(body.bytes(), body.mediaType()).header("ETag", body.etag()).header("Cache-Control", cacheControl)
                .build();
    }

    /** A written answer: its bytes, their type and their tag. */
    record Body(byte[] bytes, String mediaType, String etag) {
    }

    /** A body that is sent only when the client's copy (named by {@code etag}) is not current. */
    Response stream(String etag, String mediaType, String ifNoneMatch, java.util.function.Supplier<Object> body) {
        if (matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).header("Cache-Control", cacheControl).build();
        }
        return Response.ok(body.get(), mediaType).header("ETag", etag).header("Cache-Control", cacheControl).build();
    }

    /** A strong tag from the content itself: equal bytes, equal tag, on every instance. */
    static String tagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** If-None-Match compares weakly (RFC 9110 13.1.2): {@code W/"x"} matches {@code "x"}; {@code *} matches anything. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
