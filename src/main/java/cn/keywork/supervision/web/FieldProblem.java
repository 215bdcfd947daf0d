package cn.keywork.supervision.web;

import java.util.List;

import cn.keywork.supervision.domain.MessageKey;

/**
 * One refused field, before it is told in the reader's language: a catalogue key with its
 * arguments, or (for text that comes worded already, e.g. from bean validation) the text itself.
 */
public record FieldProblem(String field, FieldErrorCode code, MessageKey key, List<String> arguments, String text) {

    public static FieldProblem keyed(String field, FieldErrorCode code, MessageKey key, Object... arguments) {
        return new FieldProblem(field, code, key, java.util.Arrays.stream(arguments).map(String::valueOf).toList(), null);
    }

    public static FieldProblem worded(String field, FieldErrorCode code, String text) {
        return new FieldProblem(field, code, null, List.of(), text);
    }

    /** The same problem, its field told as lying at {@code place} (e.g. a row of an upload). */
    FieldProblem at(String place) {
        return new FieldProblem(place + ": " + field, code, key, arguments, text);
    }
}
