package cn.keywork.supervision.evidence.domain;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What was learnt from an uploaded file before anything is stored: its type (from the content),
 * size, SHA-256, the EXIF capture time and position of a photo, its pixel size, and the
 * derived copies (a thumbnail and a public copy without metadata; both null for a PDF).
 */
public record FileFacts(Path file, String fileName, String caption, String contentType, long size, String sha256,
        Instant takenAt, Double latitude, Double longitude, Integer width, Integer height, byte[] thumbnail,
        byte[] publicCopy) {

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
