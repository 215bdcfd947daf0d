package cn.keywork.supervision.publication.rest;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.progress.lights.domain.LedgerPublished;
import io.smallrye.mutiny.Uni;

/**
 * The public ledger pages this instance has answered, as written bytes with their tag, for
 * {@code supervision.disclosure.server-cache}: a published month is read by many and changes only
 * when the office publishes again, which empties the copies here at once (other instances' copies
 * age out). Bounded by the bytes kept, not the number of pages.
 */
@ApplicationScoped
public class PublicLedgerPages {

    /** Room for a few hundred pages of 50 rows; the least used go first. */
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    record Key(String period, int page, int size) {
    }

    private final Cache<Key, PublicAnswers.Body> pages;

    PublicLedgerPages(SupervisionConfig config) {
        Duration keep = config.disclosure().serverCache();
        this.pages = keep.isZero() || keep.isNegative() ? null
                : Caffeine.newBuilder()
                        .expireAfterWrite(keep)
                        .maximumWeight(MAX_BYTES)
                        .weigher((Key key, PublicAnswers.Body body) -> body.bytes().length)
                        .build();
    }

    /** The kept page, or the one {@code read} gives, kept for the next readers (failures are not kept). */
    Uni<PublicAnswers.Body> page(String period, int page, int size, Supplier<Uni<PublicAnswers.Body>> read) {
        if (pages == null) {
            return read.get();
        }
        Key key = new Key(period, page, size);
        PublicAnswers.Body kept = pages.getIfPresent(key);
        return kept != null ? Uni.createFrom().item(kept) : read.get().invoke(body -> pages.put(key, body));
    }

    void forget(@Observes LedgerPublished published) {
        if (pages != null) {
            pages.invalidateAll();
        }
    }
}
