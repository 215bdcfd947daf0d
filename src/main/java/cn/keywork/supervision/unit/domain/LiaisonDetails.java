package cn.keywork.supervision.unit.domain;

/** A liaison person's particulars. */
public record LiaisonDetails(String name, String position, String officePhone, String mobile, String email,
        boolean primary) {
}
