package cn.keywork.supervision.evidence.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An attachment as it is answered: what is known of the file, never its bytes. */
public record AttachmentView(UUID id, OwnerType ownerType, UUID ownerId, UUID taskId, String period, String fileName,
        String caption, String contentType, long size, String sha256, Instant takenAt, Double latitude, Double longitude,
        Integer width, Integer height, List<AttachmentFlag> flags, boolean hasThumbnail, Instant uploadedAt) {
}
