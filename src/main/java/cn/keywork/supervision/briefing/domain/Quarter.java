package cn.keywork.supervision.briefing.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;

/** A calendar quarter, {@code 2026-Q4}: its months, its last month and the quarter before it. */
public record Quarter(int year, int number) {

    private static final Pattern FORMAT = Pattern.compile("^[0-9]{4}-Q[1-4]$");

    public Quarter {
        if (number < 1 || number > 4) {
            throw new IllegalArgumentException("quarter " + number);
        }
    }

    /** The quarter written as {@code 2026-Q4}; null when it is not written so. */
    public static Quarter parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            return null;
        }
        return new Quarter(Integer.parseInt(text.substring(0, 4)), text.charAt(6) - '0');
    }

    public YearMonth firstMonth() {
        return YearMonth.of(year, number * 3 - 2);
    }

    public YearMonth lastMonth() {
        return YearMonth.of(year, number * 3);
    }

    public LocalDate firstDay() {
        return firstMonth().atDay(1);
    }

    /** The first day after the quarter. */
    public LocalDate endDay() {
        return lastMonth().plusMonths(1).atDay(1);
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    /** 第四季度 */
    public String chineseName() {
        return "第" + "一二三四".charAt(number - 1) + "季度";
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
