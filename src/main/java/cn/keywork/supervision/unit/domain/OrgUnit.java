package cn.keywork.supervision.unit.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A unit of the city (单位): an undertaking unit, an office or the city leadership. */
@Entity
@Table(name = "org_unit")
public class OrgUnit {

    @Id
    UUID id;

    String code;

    String name;

    @Column(name = "short_name")
    String shortName;

    @Enumerated(EnumType.STRING)
    UnitType type;

    @Column(name = "parent_id")
    UUID parentId;

    boolean active;

    @Version
    long version;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "updated_at")
    Instant updatedAt;

    protected OrgUnit() {
    }

    public static OrgUnit register(UnitDetails details, Instant now) {
        OrgUnit unit = new OrgUnit();
        unit.id = UUID.randomUUID();
        unit.active = true;
        unit.createdAt = now;
        unit.apply(details, now);
        return unit;
    }

    public void change(UnitDetails details, boolean active, Instant now) {
        this.active = active;
        apply(details, now);
    }

    private void apply(UnitDetails details, Instant now) {
        this.code = details.code();
        this.name = details.name();
        this.shortName = details.shortName();
        this.type = details.type();
        this.parentId = details.parentId();
        this.updatedAt = now;
    }

    /** The fields an audit event compares. */
    public java.util.Map<String, Object> auditSnapshot() {
        java.util.Map<String, Object> snapshot = new java.util.LinkedHashMap<>();
        snapshot.put("code", code);
        snapshot.put("name", name);
        snapshot.put("shortName", shortName);
        snapshot.put("type", type == null ? null : type.name());
        snapshot.put("parentId", parentId == null ? null : parentId.toString());
        snapshot.put("active", active);
        return snapshot;
    }

    public UUID id() {
        return id;
    }

    public String code() {
        return code;
    }

    public long version() {
        return version;
    }
}
