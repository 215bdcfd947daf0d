package cn.keywork.supervision.publication.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.evidence.domain.Download;
import cn.keywork.supervision.evidence.service.EvidenceContent;
import cn.keywork.supervision.publication.domain.FeedEntry;
import cn.keywork.supervision.publication.domain.PublicHistory;
import cn.keywork.supervision.publication.domain.PublishedLedger;
import cn.keywork.supervision.publication.repository.PublicationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The public disclosure (R13) and the media feed (R12): what anonymous readers may see, which is
 * what the office has published and nothing else. Unpublished months, tasks and photos are
 * answered as absent.
 */
@ApplicationScoped
public class PublicationService {

    /** The most items the feed carries. */
    public static final int FEED_SIZE = 50;

    private final PublicationRepository repository;
    private final EvidenceContent evidence;

    PublicationService(PublicationRepository repository, EvidenceContent evidence) {
        this.repository = repository;
        this.evidence = evidence;
    }

    @WithSession
    public Uni<List<PublishedLedger>> ledgers() {
        return repository.published();
    }

    /** The month's published ledger with a page of its rows (page from 1). */
    @WithSession
    public Uni<PublishedLedger> ledger(String period, int page, int size) {
        return repository.published(period).chain(ledger -> {
            if (ledger == null) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.PUBLIC_LEDGER_NOT_FOUND, period));
            }
            return repository.rows(period, size, (page - 1L) * size).map(ledger::withRows);
        });
    }

    @WithSession
    public Uni<PublicHistory> history(String code) {
        return repository.history(code).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.PUBLIC_TASK_NOT_FOUND, code));
    }

    @WithSession
    public Uni<List<FeedEntry>> feed() {
        return repository.feed(FEED_SIZE);
    }

    /**
     * A published photo's public copy (re-encoded, EXIF removed) or its thumbnail, ready to be
     * streamed; absent unless the photo belongs to the report behind a row of a published ledger.
     */
    @WithSession
    public Uni<Download> photo(UUID id, boolean thumbnail) {
        return repository.isPublishedPhoto(id).chain(published -> {
            if (!published) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.PUBLIC_PHOTO_NOT_FOUND, id));
            }
            return thumbnail ? evidence.thumbnail(id) : evidence.publicCopy(id);
        });
    }

    /** The bytes of a photo, read from the store as the receiver asks for them. */
    public Multi<byte[]> bytes(Download download) {
        return evidence.bytes(download, 0, download.size());
    }
}
