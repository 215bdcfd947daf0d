package cn.keywork.supervision.domain;

/** Nothing of the kind with that id, or nothing the actor may see. */
public final class NotFound extends DomainException {

    public NotFound(DomainMessage code, Object id) {
        super(code, id);
    }
}
