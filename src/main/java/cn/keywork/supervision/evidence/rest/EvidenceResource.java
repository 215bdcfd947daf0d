package cn.keywork.supervision.evidence.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import cn.keywork.supervision.api.EvidenceApi;
import cn.keywork.supervision.api.model.AttachmentDto;
import cn.keywork.supervision.api.model.AttachmentFlagDto;
import cn.keywork.supervision.api.model.AttachmentLinksDto;
import cn.keywork.supervision.api.model.AttachmentListDto;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.evidence.domain.AttachmentView;
import cn.keywork.supervision.evidence.domain.Download;
import cn.keywork.supervision.evidence.service.Decoding;
import cn.keywork.supervision.evidence.service.EvidenceContent;
import cn.keywork.supervision.evidence.service.EvidenceService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ByteRanges;
import cn.keywork.supervision.web.ContentDisposition;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.StreamedBody;
import io.smallrye.mutiny.Uni;

/** Evidence over HTTP: multipart uploads in, streamed downloads out; the rules are the service's. */
public class EvidenceResource implements EvidenceApi {

    static final String PATH = "/api/v1/attachments/";
    private static final int MAX_CAPTION = 500;
    private static final int MAX_FILE_NAME = 255;

    private final EvidenceService evidence;
    private final EvidenceContent content;
    private final Decoding decoding;
    private final Idempotency idempotency;
    private final Clock clock;

    EvidenceResource(EvidenceService evidence, EvidenceContent content, Decoding decoding, Idempotency idempotency,
            Clock clock) {
        this.evidence = evidence;
        this.content = content;
        this.decoding = decoding;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public Uni<Response> uploadAttachment(UUID taskId, String period, FileUpload file, String idempotencyKey,
            String caption) {
        if (file == null || file.uploadedFile() == null) {
            throw InvalidInput.of("file", InvalidInput.Reason.REQUIRED, DomainMessage.ATTACHMENT_EMPTY);
        }
        if (caption != null && caption.codePointCount(0, caption.length()) > MAX_CAPTION) {
            throw InvalidInput.of("caption", InvalidInput.Reason.SIZE, DomainMessage.ATTACHMENT_CAPTION_TOO_LONG, MAX_CAPTION);
        }
        String name = fileName(file.fileName());
        String text = caption == null || caption.isBlank() ? null : caption.strip();
        // Who may not add to the report is refused before a byte of the file is examined.
        return evidence.requireEditable(taskId, period)
                .chain(() -> decoding.inspect(file.uploadedFile(), name, text))
                .chain(facts -> {
                    Map<String, Object> request = new LinkedHashMap<>();
                    request.put("sha256", facts.sha256());
                    request.put("fileName", name);
                    request.put("caption", text);
                    return idempotency.run(RequestScope.actor().username(), idempotencyKey,
                            "uploadAttachment " + taskId + " " + period, request,
                            () -> evidence.attach(taskId, period, facts)
                                    .map(view -> idempotency.answer(201, dto(view), PATH + view.id(), null)));
                });
    }

    @Override
    public Uni<Response> listAttachments(UUID taskId, String period) {
        return evidence.list(taskId, period)
                .map(found -> Response.ok(new AttachmentListDto().items(found.stream().map(this::dto).toList())).build());
    }

    @Override
    public Uni<Response> getAttachment(UUID attachmentId) {
        return evidence.get(attachmentId).map(view -> Response.ok(dto(view)).build());
    }

    @Override
    public Uni<Response> deleteAttachment(UUID attachmentId) {
        return evidence.remove(attachmentId).map(nothing -> Response.noContent().build());
    }

    @Override
    public Uni<Response> getAttachmentContent(UUID attachmentId, String range, String ifNoneMatch) {
        return evidence.content(attachmentId).map(download -> send(download, range, ifNoneMatch, true));
    }

    @Override
    public Uni<Response> getAttachmentThumbnail(UUID attachmentId, String ifNoneMatch) {
        return evidence.thumbnail(attachmentId).map(download -> send(download, null, ifNoneMatch, false));
    }

    private Response send(Download download, String rangeHeader, String ifNoneMatch, boolean asAttachment) {
        String etag = "\"" + download.etag() + "\"";
        if (ByteRanges.matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).build();
        }
        ByteRanges.Range range = asAttachment ? ByteRanges.parse(rangeHeader, download.size()) : null;
        long offset = range == null ? 0 : range.first();
        long length = range == null ? download.size() : range.length();
        Response.ResponseBuilder answer = Response.status(range == null ? 200 : 206)
                .entity(new StreamedBody(length, content.bytes(download, offset, length)))
                .type(download.contentType())
                .header("ETag", etag);
        if (asAttachment) {
            answer.header("Accept-Ranges", "bytes")
                    .header("Content-Disposition", ContentDisposition.attachment(download.fileName()));
        }
        if (range != null) {
            answer.header("Content-Range", range.contentRange(download.size()));
        }
        return answer.build();
    }

    /** The name as sent, without any folder, control characters or surplus length. */
    static String fileName(String sent) {
        String name = sent == null ? "" : sent;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c) && Character.isDefined(c)
                && Character.getType(c) != Character.SURROGATE).forEach(clean::appendCodePoint);
        name = clean.toString().strip();
        if (name.isEmpty()) {
            name = "file";
        }
        if (name.codePointCount(0, name.length()) > MAX_FILE_NAME) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_FILE_NAME));
        }
        return name;
    }

    AttachmentDto dto(AttachmentView view) {
        return new AttachmentDto()
                .id(view.id())
                .fileName(view.fileName())
                .caption(view.caption())
                .sha256(view.sha256())
                .contentType(AttachmentDto.ContentTypeEnum.fromValue(view.contentType()))
                .size(view.size())
                .takenAt(time(view.takenAt()))
                .latitude(view.latitude())
                .longitude(view.longitude())
                .width(view.width())
                .height(view.height())
                .flags(view.flags().stream().map(flag -> AttachmentFlagDto.fromValue(flag.name())).toList())
                .uploadedAt(time(view.uploadedAt()))
                .links(new AttachmentLinksDto().content(PATH + view.id() + "/content")
                        .thumbnail(view.hasThumbnail() ? PATH + view.id() + "/thumbnail" : null));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
