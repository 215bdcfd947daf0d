package cn.keywork.supervision.task.service;

import cn.keywork.supervision.domain.MessageKey;

/** Catalogue keys of the refusals of a declaration sheet (CSV or XLSX); {@code {0}}, {@code {1}} are arguments. */
public enum ImportMessage implements MessageKey {
    UNKNOWN_CATEGORY("import.unknown-category"),
    MOBILE_PATTERN("import.mobile-pattern"),
    UNIT_CODE_UNKNOWN("import.unit-code-unknown"),
    YEAR_RANGE("import.year-range"),
    YEAR_TYPE("import.year-type"),
    DATE_FORMAT("import.date-format"),
    TEXT_TOO_LONG("import.text-too-long"),
    SHEET_EMPTY("import.sheet-empty"),
    COLUMN_MISSING("import.column-missing"),
    CELL_TOO_LONG("import.cell-too-long"),
    XLSX_UNREADABLE("import.xlsx-unreadable"),
    TOO_MANY_ROWS("import.too-many-rows"),
    TOO_MANY_COLUMNS("import.too-many-columns"),
    NOT_A_SHARED_STRING("import.not-a-shared-string"),
    NOT_A_STORED_NUMBER("import.not-a-stored-number"),
    UNPACKS_TOO_LARGE("import.unpacks-too-large"),
    CSV_TEXT_AFTER_QUOTE("import.csv-text-after-quote"),
    CSV_QUOTE_NOT_CLOSED("import.csv-quote-not-closed");

    private final String key;

    ImportMessage(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }
}
