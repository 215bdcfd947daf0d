package cn.keywork.supervision.web;

import java.util.Locale;

/** Free text turned into a LIKE pattern that matches it literally, anywhere, ignoring case; queries escape with a backslash. */
public final class LikePatterns {

    private LikePatterns() {
    }

    public static String containing(String text) {
        String literal = text.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + literal + "%";
    }
}
