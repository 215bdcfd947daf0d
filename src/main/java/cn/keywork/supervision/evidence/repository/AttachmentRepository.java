package cn.keywork.supervision.evidence.repository;

import static cn.keywork.supervision.persistence.SqlValues.instant;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.evidence.domain.AttachmentFlag;
import cn.keywork.supervision.evidence.domain.AttachmentView;
import cn.keywork.supervision.evidence.domain.OwnerType;
import cn.keywork.supervision.evidence.domain.Site;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Attachments in SQL: one statement per question, the owner's scope checked by the caller first. */
@ApplicationScoped
@WithSession
public class AttachmentRepository {

    private static final String COLUMNS = "a.id, a.owner_type, a.owner_id, a.task_id, a.period, a.file_name, a.caption, "
            + "a.content_type, a.size, a.sha256, a.taken_at, a.latitude, a.longitude, a.width, a.height, "
            + "array_to_string(a.flags, ','), a.thumbnail_blob IS NOT NULL, a.uploaded_at";

    /** An attachment with where its bytes are. */
    public record Row(AttachmentView view, UUID contentBlob, UUID thumbnailBlob, UUID publicBlob, long thumbnailSize,
            long publicSize, UUID uploaderUnitId) {
    }

    /** What is inserted. */
    public record NewAttachment(AttachmentView view, UUID contentBlob, UUID thumbnailBlob, UUID publicBlob, UUID uploadedBy) {
    }

    public Uni<Void> insert(NewAttachment attachment) {
        AttachmentView v = attachment.view();
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO attachment (id, owner_type, owner_id, task_id, period, file_name, caption, content_type, size,
                    sha256, taken_at, latitude, longitude, width, height, flags, content_blob, thumbnail_blob, public_blob,
                    uploaded_by, uploaded_at)
                VALUES (?1, ?2, ?3, ?4, cast(?5 AS varchar), ?6, cast(?7 AS varchar), ?8, ?9, ?10, cast(cast(?11 AS varchar) AS timestamptz),
                    cast(cast(?12 AS varchar) AS numeric), cast(cast(?13 AS varchar) AS numeric),
                    cast(cast(?14 AS varchar) AS int), cast(cast(?15 AS varchar) AS int),
                    cast(string_to_array(?16, ',') AS varchar(32)[]), ?17, cast(?18 AS uuid), cast(?19 AS uuid),
                    cast(?20 AS uuid), ?21)""")
                .setParameter(1, v.id())
                .setParameter(2, v.ownerType().name())
                .setParameter(3, v.ownerId())
                .setParameter(4, v.taskId())
                .setParameter(5, v.period())
                .setParameter(6, v.fileName())
                .setParameter(7, v.caption())
                .setParameter(8, v.contentType())
                .setParameter(9, v.size())
                .setParameter(10, v.sha256())
                .setParameter(11, v.takenAt() == null ? null : v.takenAt().atOffset(ZoneOffset.UTC).toString())
                .setParameter(12, v.latitude() == null ? null : BigDecimal.valueOf(v.latitude()).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString())
                .setParameter(13, v.longitude() == null ? null : BigDecimal.valueOf(v.longitude()).setScale(6, java.math.RoundingMode.HALF_UP).toPlainString())
                .setParameter(14, v.width() == null ? null : v.width().toString())
                .setParameter(15, v.height() == null ? null : v.height().toString())
                .setParameter(16, String.join(",", v.flags().stream().map(Enum::name).toList()))
                .setParameter(17, attachment.contentBlob())
                .setParameter(18, text(attachment.thumbnailBlob()))
                .setParameter(19, text(attachment.publicBlob()))
                .setParameter(20, text(attachment.uploadedBy()))
                .setParameter(21, v.uploadedAt().atOffset(ZoneOffset.UTC))
                .executeUpdate()).replaceWithVoid();
    }

    public Uni<List<AttachmentView>> ofOwner(OwnerType type, UUID ownerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + COLUMNS
                + " FROM attachment a WHERE a.owner_type = ?1 AND a.owner_id = ?2 ORDER BY a.uploaded_at, a.id", Object[].class)
                .setParameter(1, type.name()).setParameter(2, ownerId).getResultList())
                .map(rows -> rows.stream().map(AttachmentRepository::view).toList());
    }

    public Uni<Row> find(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("SELECT " + COLUMNS
                + ", a.content_blob, a.thumbnail_blob, a.public_blob, coalesce(t.size, 0), coalesce(p.size, 0), u.unit_id "
                + "FROM attachment a "
                + "LEFT JOIN evidence_blob t ON t.id = a.thumbnail_blob LEFT JOIN evidence_blob p ON p.id = a.public_blob "
                + "LEFT JOIN app_user u ON u.id = a.uploaded_by "
                + "WHERE a.id = ?1", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.isEmpty() ? null : row(rows.get(0)));
    }

    private static Row row(Object[] r) {
        return new Row(view(r), (UUID) r[18], (UUID) r[19], (UUID) r[20], ((Number) r[21]).longValue(),
                ((Number) r[22]).longValue(), (UUID) r[23]);
    }

    public Uni<Long> count(OwnerType type, UUID ownerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM attachment WHERE owner_type = ?1 AND owner_id = ?2", Long.class)
                .setParameter(1, type.name()).setParameter(2, ownerId).getSingleResult());
    }

    /** Whether the same bytes are already attached to anything of the task. */
    public Uni<Boolean> attachedToTask(UUID taskId, String sha256) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT count(*) FROM attachment WHERE task_id = ?1 AND sha256 = ?2", Long.class)
                .setParameter(1, taskId).setParameter(2, sha256).getSingleResult())
                .map(count -> count > 0);
    }

    /** The task's site, or null when it has none. */
    public Uni<Site> site(UUID taskId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "SELECT site_latitude, site_longitude, site_radius_meters FROM key_task WHERE id = ?1", Object[].class)
                .setParameter(1, taskId).getResultList())
                .map(rows -> rows.isEmpty() || rows.get(0)[0] == null ? null
                        : new Site(((Number) rows.get(0)[0]).doubleValue(), ((Number) rows.get(0)[1]).doubleValue(),
                                ((Number) rows.get(0)[2]).intValue()));
    }

    public Uni<Void> delete(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery("DELETE FROM attachment WHERE id = ?1")
                .setParameter(1, id).executeUpdate()).replaceWithVoid();
    }

    /**
     * Sets the report's flags to the union of its attachments' flags, keeping any flag of the
     * report's own that is not an attachment flag; one statement.
     */
    public Uni<Void> refreshReportFlags(UUID reportId) {
        String evidenceFlags = String.join(",", Arrays.stream(AttachmentFlag.values()).map(Enum::name).toList());
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                UPDATE progress_report r SET flags = ARRAY(
                    SELECT f FROM unnest(r.flags) f WHERE f <> ALL (string_to_array(?2, ','))
                    UNION
                    SELECT unnest(a.flags) FROM attachment a WHERE a.owner_type = 'REPORT' AND a.owner_id = r.id
                    ORDER BY 1)
                WHERE r.id = ?1""")
                .setParameter(1, reportId).setParameter(2, evidenceFlags).executeUpdate()).replaceWithVoid();
    }

    private static AttachmentView view(Object[] row) {
        String flags = (String) row[15];
        return new AttachmentView((UUID) row[0], OwnerType.valueOf((String) row[1]), (UUID) row[2], (UUID) row[3],
                row[4] == null ? null : ((String) row[4]).trim(), (String) row[5], (String) row[6], (String) row[7],
                ((Number) row[8]).longValue(), ((String) row[9]).trim(), instant(row[10]), number(row[11]), number(row[12]),
                row[13] == null ? null : ((Number) row[13]).intValue(), row[14] == null ? null : ((Number) row[14]).intValue(),
                flags == null || flags.isEmpty() ? List.of()
                        : Arrays.stream(flags.split(",")).map(AttachmentFlag::valueOf).toList(),
                (Boolean) row[16], instant(row[17]));
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static String text(UUID id) {
        return id == null ? null : id.toString();
    }
}
