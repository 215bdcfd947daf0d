package cn.keywork.supervision.publication.domain;

/** The bytes of a published photo's public copy or thumbnail, with their media type and digest. */
public record PhotoCopy(String contentType, byte[] content, String sha256) {
}
