package cn.keywork.supervision.domain;

/** The change clashes with another record (a duplicate, a pending request, a reference). */
public final class Conflict extends DomainException {

    public Conflict(DomainMessage code, Object... arguments) {
        super(code, arguments);
    }
}
