package cn.keywork.supervision.domain;

/** The state of things forbids the move (an illegal transition, a closed window, a full register). */
public final class RuleViolation extends DomainException {

    public RuleViolation(DomainMessage code, Object... arguments) {
        super(code, arguments);
    }
}
