package cn.keywork.supervision.publication.rest;

import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.PublicApi;
import cn.keywork.supervision.evidence.domain.Download;
import cn.keywork.supervision.publication.service.PublicationService;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.PageRequest;
import cn.keywork.supervision.web.StreamedBody;
import cn.keywork.supervision.web.WebMessage;
import io.smallrye.mutiny.Uni;

/** The anonymous disclosure (R13) and media feed (R12) over HTTP: cached, tagged, rate-limited. */
public class PublicResource implements PublicApi {

    static final String JSON_FEED = "application/feed+json";
    static final String ATOM = "application/atom+xml";

    private final PublicationService publication;
    private final PublicMapper mapper;
    private final PublicFeed feed;
    private final PublicAnswers answers;

    @Context
    HttpHeaders headers;

    private final PublicLedgerPages ledgerPages;

    PublicResource(PublicationService publication, PublicMapper mapper, PublicFeed feed, PublicAnswers answers,
            PublicLedgerPages ledgerPages) {
        this.ledgerPages = ledgerPages;
        this.publication = publication;
        this.mapper = mapper;
        this.feed = feed;
        this.answers = answers;
    }

    @Override
    public Uni<Response> listPublicLedgers(String ifNoneMatch) {
        return publication.ledgers().map(ledgers -> answers.json(mapper.list(ledgers), ifNoneMatch));
    }

    @Override
    public Uni<Response> getPublicLedger(String period, Integer page, Integer size, String ifNoneMatch) {
        PageRequest request = PageRequest.of(page, size, "code", Set.of("code"), "code");
        return ledgerPages.page(period, request.page(), request.size(),
                () -> publication.ledger(period, request.page(), request.size())
                        .map(ledger -> answers.body(mapper.ledger(ledger, request.page(), request.size()))))
                .map(body -> answers.answer(body, ifNoneMatch));
    }

    @Override
    public Uni<Response> getPublicProgressHistory(String code, String ifNoneMatch) {
        return publication.history(code).map(history -> answers.json(mapper.history(history), ifNoneMatch));
    }

    @Override
    public Uni<Response> getPublicPhoto(UUID photoId, String ifNoneMatch) {
        return publication.photo(photoId, false).map(photo -> photo(photo, ifNoneMatch));
    }

    @Override
    public Uni<Response> getPublicPhotoThumbnail(UUID photoId, String ifNoneMatch) {
        return publication.photo(photoId, true).map(photo -> photo(photo, ifNoneMatch));
    }

    /** A stored copy never changes: its tag names it, and its bytes are streamed only when the client lacks them. */
    private Response photo(Download photo, String ifNoneMatch) {
        return answers.stream("\"" + photo.etag() + "\"", photo.contentType(), ifNoneMatch,
                () -> new StreamedBody(photo.size(), publication.bytes(photo)));
    }

    @Override
    public Uni<Response> getPublicFeed(String format, String ifNoneMatch) {
        boolean atom = atom(format);
        return publication.feed().map(feed::items).map(items -> atom
                ? answers.text(feed.atom(items), ATOM, ifNoneMatch)
                : answers.json(feed.json(items), JSON_FEED, ifNoneMatch));
    }

    /** {@code format} decides; else the first type {@code Accept} prefers that the feed is written in. */
    private boolean atom(String format) {
        if (format != null) {
            return switch (format) {
                case "atom" -> true;
                case "json" -> false;
                default -> throw ApiProblem.invalid("format", FieldErrorCode.UNKNOWN_VALUE, WebMessage.VALUE_ONE_OF, "json, atom");
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(JSON_FEED))) {
                return false;
            }
            if (type.isCompatible(MediaType.valueOf(ATOM)) && !type.isWildcardSubtype()) {
                return true;
            }
        }
        return false;
    }
}
