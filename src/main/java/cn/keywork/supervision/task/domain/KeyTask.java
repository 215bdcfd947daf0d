package cn.keywork.supervision.task.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A key task (重点工作) with its responsibility chain; cooperations are kept beside it. */
@Entity
@Table(name = "key_task")
public class KeyTask {

    @Id
    UUID id;

    int year;

    String code;

    @Enumerated(EnumType.STRING)
    TaskCategory category;

    String title;

    String target;

    String content;

    LocalDate deadline;

    @Column(name = "lead_unit_id")
    UUID leadUnitId;

    @Column(name = "unit_head")
    String unitHead;

    @Column(name = "leader_in_charge_id")
    UUID leaderInChargeId;

    @Column(name = "responsible_division")
    String responsibleDivision;

    @Column(name = "responsible_person_name")
    String responsiblePersonName;

    @Column(name = "responsible_person_mobile")
    String responsiblePersonMobile;

    @Column(name = "document_number")
    String documentNumber;

    @Column(name = "site_latitude")
    java.math.BigDecimal siteLatitude;

    @Column(name = "site_longitude")
    java.math.BigDecimal siteLongitude;

    @Column(name = "site_radius_meters")
    Integer siteRadiusMeters;

    @Enumerated(EnumType.STRING)
    TaskStatus status;

    @Column(name = "status_note")
    String statusNote;

    @Version
    long version;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    protected KeyTask() {
    }

    public static KeyTask declare(TaskDetails details, TaskStatus initial, Instant now) {
        KeyTask task = new KeyTask();
        task.id = UUID.randomUUID();
        task.status = initial;
        task.createdAt = now;
        task.apply(details, now);
        return task;
    }

    public void apply(TaskDetails details, Instant now) {
        this.year = details.year();
        this.category = details.category();
        this.title = details.title();
        this.target = details.target();
        this.content = details.content();
        this.deadline = details.deadline();
        this.leadUnitId = details.leadUnitId();
        this.unitHead = details.unitHead();
        this.leaderInChargeId = details.leaderInChargeId();
        this.responsibleDivision = details.responsibleDivision();
        this.responsiblePersonName = details.responsiblePersonName();
        this.responsiblePersonMobile = details.responsiblePersonMobile();
        this.documentNumber = details.documentNumber();
        placeAt(details.site(), now);
    }

    /** Sets (or, with null, removes) the task's site. */
    public void placeAt(TaskSite site, Instant now) {
        this.siteLatitude = site == null ? null : site.latitude();
        this.siteLongitude = site == null ? null : site.longitude();
        this.siteRadiusMeters = site == null ? null : site.radiusMeters();
        this.updatedAt = now;
    }

    public TaskSite site() {
        return siteLatitude == null ? null : new TaskSite(siteLatitude, siteLongitude, siteRadiusMeters);
    }

    /** Applies a move of the life cycle (the transition function refuses illegal ones). */
    public void move(TaskAction action, String note, Instant now) {
        this.status = TaskPolicy.after(status, action);
        this.statusNote = note;
        this.updatedAt = now;
    }

    public void enterRegister(String code) {
        this.code = code;
    }

    public Map<String, Object> auditSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("code", code);
        snapshot.put("year", year);
        snapshot.put("category", category.name());
        snapshot.put("title", title);
        snapshot.put("target", target);
        snapshot.put("content", content);
        snapshot.put("deadline", deadline.toString());
        snapshot.put("leadUnitId", leadUnitId.toString());
        snapshot.put("unitHead", unitHead);
        snapshot.put("leaderInChargeId", leaderInChargeId == null ? null : leaderInChargeId.toString());
        snapshot.put("responsibleDivision", responsibleDivision);
        snapshot.put("responsiblePerson", responsiblePersonName);
        snapshot.put("mobile", responsiblePersonMobile);
        snapshot.put("documentNumber", documentNumber);
        snapshot.put("site", site() == null ? null : site().text());
        snapshot.put("status", status.name());
        snapshot.put("statusNote", statusNote);
        return snapshot;
    }

    public TaskView view(java.util.List<TaskDetails.Cooperation> cooperations) {
        return new TaskView(id, code, new TaskDetails(year, category, title, target, content, deadline, leadUnitId,
                cooperations, unitHead, leaderInChargeId, responsibleDivision, responsiblePersonName,
                responsiblePersonMobile, documentNumber, site()), status, statusNote, version, createdAt, updatedAt);
    }

    public UUID id() {
        return id;
    }

    public TaskStatus status() {
        return status;
    }

    public LocalDate deadline() {
        return deadline;
    }

    public UUID leadUnitId() {
        return leadUnitId;
    }

    public TaskCategory category() {
        return category;
    }

    public int year() {
        return year;
    }

    public long version() {
        return version;
    }
}
