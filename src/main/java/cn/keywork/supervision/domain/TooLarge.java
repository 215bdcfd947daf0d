package cn.keywork.supervision.domain;

/** What was sent is larger than the service accepts (a file over the size limit). */
public final class TooLarge extends DomainException {

    public TooLarge(DomainMessage code, Object... arguments) {
        super(code, arguments);
    }
}
