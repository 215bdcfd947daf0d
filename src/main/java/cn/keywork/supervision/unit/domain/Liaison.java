package cn.keywork.supervision.unit.domain;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A liaison person (联络员) of a unit. Phones and e-mail are personal data. */
@Entity
@Table(name = "unit_liaison")
public class Liaison {

    @Id
    UUID id;

    @Column(name = "unit_id")
    UUID unitId;

    @Column(name = "list_order")
    int listOrder;

    String name;

    String position;

    @Column(name = "office_phone")
    String officePhone;

    String mobile;

    String email;

    @Column(name = "is_primary")
    boolean primary;

    protected Liaison() {
    }

    public static Liaison of(UUID unitId, int listOrder, LiaisonDetails details) {
        Liaison liaison = new Liaison();
        liaison.id = UUID.randomUUID();
        liaison.unitId = unitId;
        liaison.listOrder = listOrder;
        liaison.name = details.name();
        liaison.position = details.position();
        liaison.officePhone = details.officePhone();
        liaison.mobile = details.mobile();
        liaison.email = details.email();
        liaison.primary = details.primary();
        return liaison;
    }

    public UUID id() {
        return id;
    }

    public LiaisonDetails details() {
        return new LiaisonDetails(name, position, officePhone, mobile, email, primary);
    }
}
