package cn.keywork.supervision.evidence.domain;

import java.util.UUID;

/**
 * A stored file ready to be sent: its name, type, size and entity tag; the bytes are read from
 * the store by {@code blobId}, piece by piece.
 */
public record Download(String fileName, String contentType, long size, String etag, UUID blobId) {
}
