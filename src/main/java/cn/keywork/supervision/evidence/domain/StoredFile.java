package cn.keywork.supervision.evidence.domain;

import java.util.UUID;

/** Where the bytes of one stored file are, and what to answer about them. */
public record StoredFile(UUID blobId, String fileName, String contentType, long size, String sha256) {
}
