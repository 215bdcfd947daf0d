package cn.keywork.supervision.domain;

/** The actor is not one who may make this move. */
public final class NotPermitted extends DomainException {

    public NotPermitted(DomainMessage code, Object... arguments) {
        super(code, arguments);
    }
}
