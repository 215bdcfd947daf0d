package cn.keywork.supervision.evidence.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.evidence.domain.Download;
import cn.keywork.supervision.evidence.repository.AttachmentRepository;
import cn.keywork.supervision.evidence.storage.EvidenceStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The bytes of attachments, for any feature that serves them. {@link #publicCopy} and
 * {@link #thumbnail} check nothing about the caller: the public disclosure decides itself which
 * attachments are published before asking. {@link #bytes} streams a download piece by piece.
 */
@ApplicationScoped
public class EvidenceContent {

    private final AttachmentRepository attachments;
    private final EvidenceStore store;

    EvidenceContent(AttachmentRepository attachments, EvidenceStore store) {
        this.attachments = attachments;
        this.store = store;
    }

    /** The photo re-encoded from its pixels (at most 2048 px on its longer side), without EXIF, XMP or GPS; none for a PDF. */
    @WithSession
    public Uni<Download> publicCopy(UUID attachmentId) {
        return attachments.find(attachmentId)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, attachmentId))
                .map(row -> {
                    if (row.publicBlob() == null) {
                        throw new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, attachmentId);
                    }
                    return new Download(publicName(row.view().fileName()), "image/jpeg", row.publicSize(),
                            "p-" + row.publicBlob(), row.publicBlob());
                });
    }

    /** The thumbnail (about 320 px wide, JPEG, no metadata); none for a PDF. */
    @WithSession
    public Uni<Download> thumbnail(UUID attachmentId) {
        return attachments.find(attachmentId)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.ATTACHMENT_NOT_FOUND, attachmentId))
                .chain(row -> thumbnailOf(row, attachmentId, store));
    }

    /** {@code length} bytes of a download from {@code offset}, read from the store as the receiver asks for them. */
    public Multi<byte[]> bytes(Download download, long offset, long length) {
        return store.read(download.blobId(), offset, length);
    }

    static Uni<Download> thumbnailOf(AttachmentRepository.Row row, UUID attachmentId, EvidenceStore store) {
        if (row.thumbnailBlob() == null) {
            return Uni.createFrom().failure(new NotFound(DomainMessage.ATTACHMENT_NO_THUMBNAIL, attachmentId));
        }
        return Uni.createFrom().item(new Download(publicName(row.view().fileName()), "image/jpeg", row.thumbnailSize(), "t-" + row.thumbnailBlob(),
                row.thumbnailBlob()));
    }

    private static String publicName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot > 0 ? fileName.substring(0, dot) : fileName) + ".jpg";
    }
}
