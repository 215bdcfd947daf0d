package cn.keywork.supervision.web;

/** Stable codes of {@code errors[].code}, as listed in the contract's FieldError schema. */
public enum FieldErrorCode {
    REQUIRED, SIZE, PATTERN, RANGE, TYPE, FORMAT, UNKNOWN_FIELD, UNKNOWN_VALUE, NOT_FOUND, SYNTAX, RULE
}
