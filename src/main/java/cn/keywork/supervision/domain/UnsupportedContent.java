package cn.keywork.supervision.domain;

/** What was sent is of a kind the service does not take (decided by its content). */
public final class UnsupportedContent extends DomainException {

    public UnsupportedContent(DomainMessage code, Object... arguments) {
        super(code, arguments);
    }
}
