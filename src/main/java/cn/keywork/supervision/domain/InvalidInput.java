package cn.keywork.supervision.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Values that break a rule of the domain, each named by its field; all of them at once. */
public final class InvalidInput extends DomainException {

    /** Why a field is refused; the names are those of the contract's FieldError codes. */
    public enum Reason {
        REQUIRED, SIZE, PATTERN, RANGE, TYPE, FORMAT, UNKNOWN_FIELD, UNKNOWN_VALUE, NOT_FOUND, SYNTAX, RULE
    }

    /** One refused field: where, why, and the message that explains it. */
    public record Violation(String field, Reason reason, DomainMessage message, List<String> arguments) {
    }

    private final List<Violation> violations;

    private InvalidInput(List<Violation> violations) {
        super(DomainMessage.FIELDS_INVALID, violations.size());
        this.violations = List.copyOf(violations);
    }

    public static InvalidInput of(String field, Reason reason, DomainMessage message, Object... arguments) {
        Collector collector = new Collector();
        collector.add(field, reason, message, arguments);
        return new InvalidInput(collector.violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Gathers refused fields, to refuse them all at once. */
    public static final class Collector {
        private final List<Violation> violations = new ArrayList<>();

        public void add(String field, Reason reason, DomainMessage message, Object... arguments) {
            violations.add(new Violation(field, reason, message,
                    Arrays.stream(arguments).map(String::valueOf).toList()));
        }

        /** Refuses if anything was gathered. */
        public void throwIfAny() {
            if (!violations.isEmpty()) {
                throw new InvalidInput(violations);
            }
        }
    }
}
