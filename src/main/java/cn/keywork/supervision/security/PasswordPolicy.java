package cn.keywork.supervision.security;

import java.util.Locale;

import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;

/** At least 12 characters from three of four classes, and not containing the username. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    private PasswordPolicy() {
    }

    /** Refuses a weak password with a 400 naming {@code field}. */
    public static void check(String password, String username, String field) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ApiProblem.invalid(field, FieldErrorCode.RULE, "Use at least " + MIN_LENGTH + " characters.");
        }
        int classes = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3) {
            throw ApiProblem.invalid(field, FieldErrorCode.RULE,
                    "Use three of: lower-case letters, upper-case letters, digits, other characters.");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw ApiProblem.invalid(field, FieldErrorCode.RULE, "The password must not contain the username.");
        }
    }
}
