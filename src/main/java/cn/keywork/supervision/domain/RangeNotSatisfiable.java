package cn.keywork.supervision.domain;

/** The part of a file asked for lies beyond its end; carries the file's size. */
public final class RangeNotSatisfiable extends DomainException {

    private final long size;

    public RangeNotSatisfiable(long size) {
        super(DomainMessage.ATTACHMENT_RANGE_NOT_SATISFIABLE, size);
        this.size = size;
    }

    public long size() {
        return size;
    }
}
