package cn.keywork.supervision.unit.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A unit's supervision contact: its supervision body; liaisons hang off it. Versioned on its own. */
@Entity
@Table(name = "unit_contact")
public class UnitContact {

    @Id
    @Column(name = "unit_id")
    UUID unitId;

    @Column(name = "supervision_body")
    String supervisionBody;

    @Version
    long version;

    @Column(name = "updated_at")
    Instant updatedAt;

    protected UnitContact() {
    }

    public static UnitContact emptyFor(UUID unitId, Instant now) {
        UnitContact contact = new UnitContact();
        contact.unitId = unitId;
        contact.updatedAt = now;
        return contact;
    }

    public void replace(String supervisionBody, Instant now) {
        this.supervisionBody = supervisionBody;
        this.updatedAt = now;
    }

    public UUID unitId() {
        return unitId;
    }

    public String supervisionBody() {
        return supervisionBody;
    }

    public long version() {
        return version;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
