package cn.keywork.supervision.domain;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A refusal by a rule of the domain, told by a stable code and its arguments; the web layer turns
 * it into a problem in the reader's language. No stack trace is captured: it is an answer, not a fault.
 */
public abstract class DomainException extends RuntimeException {

    private final DomainMessage code;
    private final List<Object> arguments;
    private String where;

    protected DomainException(DomainMessage code, Object... arguments) {
        super(code.key(), null, false, false);
        this.code = code;
        this.arguments = List.copyOf(Arrays.stream(arguments).map(DomainException::argument).toList());
    }

    /** Kept as given when it can be told itself (a nested refusal), else as its text. */
    private static Object argument(Object value) {
        return value instanceof DomainException ? value : String.valueOf(value);
    }

    public DomainMessage code() {
        return code;
    }

    /** Texts, or nested refusals whose summary completes the message. */
    public List<Object> arguments() {
        return arguments;
    }

    /** Where the refusal happened (e.g. a row of an upload), told before it; null if nowhere in particular. */
    public String where() {
        return where;
    }

    /** The same refusal, told as happening at {@code place}. */
    public DomainException at(String place) {
        this.where = place;
        return this;
    }

    @Override
    public String getMessage() {
        return code.key() + arguments.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }
}
