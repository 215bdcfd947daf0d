package cn.keywork.supervision.security;

import java.util.Locale;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;

/** At least 12 characters from three of four classes, and not containing the username. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;

    private PasswordPolicy() {
    }

    /** Refuses a weak password with a 400 naming {@code field}. */
    public static void check(String password, String username, String field) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw InvalidInput.of(field, InvalidInput.Reason.RULE, DomainMessage.PASSWORD_TOO_SHORT, MIN_LENGTH);
        }
        int classes = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3) {
            throw InvalidInput.of(field, InvalidInput.Reason.RULE, DomainMessage.PASSWORD_TOO_SIMPLE);
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            throw InvalidInput.of(field, InvalidInput.Reason.RULE, DomainMessage.PASSWORD_CONTAINS_USERNAME);
        }
    }
}
