package cn.keywork.supervision.task.service;

import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;

/**
 * Reads CSV as Excel writes and reads it (RFC 4180: comma, double quotes, {@code ""} for a quote,
 * CRLF or LF), spaces around a field ignored, in one pass that keeps nothing beyond the bounds of
 * {@link SheetCells}: a field is kept to at most one character more than a cell may hold, and fields
 * right of the template's columns are only looked at. Every line counts as a row, so row numbers
 * match what a spreadsheet shows.
 */
final class CsvCells {

    private CsvCells() {
    }

    static void read(String text, SheetCells sheet) {
        int length = text.length();
        int at = 0;
        int row = 0;
        StringBuilder quoted = new StringBuilder();
        while (at < length) {
            sheet.startRow(++row);
            int column = 0;
            while (true) {
                at = skipSpaces(text, at);
                String field;
                if (at < length && text.charAt(at) == '"') {
                    quoted.setLength(0);
                    at = quoted(text, at + 1, quoted, row);
                    field = quoted.toString();
                    at = skipSpaces(text, at);
                    if (at < length && !isEndOfField(text.charAt(at))) {
                        throw syntax(row, ImportMessage.CSV_TEXT_AFTER_QUOTE);
                    }
                } else {
                    int start = at;
                    while (at < length && !isEndOfField(text.charAt(at))) {
                        at++;
                    }
                    field = bounded(text, start, at);
                }
                sheet.cell(column, field);
                column = column == Integer.MAX_VALUE ? column : column + 1;
                if (at < length && text.charAt(at) == ',') {
                    at++;
                    continue;
                }
                if (at < length && text.charAt(at) == '\r') {
                    at++;
                }
                if (at < length && text.charAt(at) == '\n') {
                    at++;
                }
                break;
            }
            sheet.endRow();
        }
    }

    /** Reads a quoted field's content from just after its opening quote; answers the index after the closing one. */
    private static int quoted(String text, int at, StringBuilder field, int row) {
        int length = text.length();
        while (at < length) {
            char c = text.charAt(at);
            if (c == '"') {
                if (at + 1 < length && text.charAt(at + 1) == '"') {
                    append(field, '"');
                    at += 2;
                    continue;
                }
                return at + 1;
            }
            append(field, c);
            at++;
        }
        throw syntax(row, ImportMessage.CSV_QUOTE_NOT_CLOSED);
    }

    private static void append(StringBuilder field, char c) {
        if (field.length() <= TaskSheet.MAX_CELL_CHARS) {
            field.append(c);
        }
    }

    /** An unquoted field without its surrounding spaces, cut to one character more than a cell may hold. */
    private static String bounded(String text, int start, int end) {
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, Math.min(end, start + TaskSheet.MAX_CELL_CHARS + 1));
    }

    private static int skipSpaces(String text, int at) {
        while (at < text.length() && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isEndOfField(char c) {
        return c == ',' || c == '\r' || c == '\n';
    }

    private static ApiProblem syntax(int row, ImportMessage message) {
        return ApiProblem.invalid("row " + row, FieldErrorCode.SYNTAX, message);
    }
}
