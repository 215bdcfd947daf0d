package cn.keywork.supervision.publication.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.publication.domain.FeedEntry;
import cn.keywork.supervision.publication.domain.PhotoCopy;
import cn.keywork.supervision.publication.domain.PublicHistory;
import cn.keywork.supervision.publication.domain.PublishedLedger;
import cn.keywork.supervision.publication.repository.PublicationRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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

    PublicationService(PublicationRepository repository) {
        this.repository = repository;
    }

    @WithSession
    public Uni<List<PublishedLedger>> ledgers() {
        return repository.published();
    }

    /** The month's published ledger with its rows. */
    @WithSession
    public Uni<PublishedLedger> ledger(String period) {
        return repository.published(period).chain(ledger -> {
            if (ledger == null) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.PUBLIC_LEDGER_NOT_FOUND, period));
            }
            return repository.rows(period).map(ledger::withRows);
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

    /** A published photo's public copy (EXIF removed) or its thumbnail. */
    @WithSession
    public Uni<PhotoCopy> photo(UUID id, boolean thumbnail) {
        return repository.publishedPhoto(id, thumbnail).chain(found -> {
            if (found == null) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.PUBLIC_PHOTO_NOT_FOUND, id));
            }
            UUID blob = (UUID) found[0];
            String type = thumbnail ? "image/jpeg" : found[1].toString();
            return repository.blob(blob).map(bytes -> new PhotoCopy(type, bytes, null));
        });
    }
}
