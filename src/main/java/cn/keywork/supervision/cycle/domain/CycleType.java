package cn.keywork.supervision.cycle.domain;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;

/**
 * The office's three cycles and the periods they run for: a month {@code 2026-11}, a quarter
 * {@code 2026-Q4}, a year {@code 2026}.
 */
public enum CycleType {
    MONTHLY("^[0-9]{4}-(0[1-9]|1[0-2])$"),
    QUARTERLY("^[0-9]{4}-Q[1-4]$"),
    YEARLY("^[0-9]{4}$");

    private final Pattern period;

    CycleType(String period) {
        this.period = Pattern.compile(period);
    }

    /** Whether {@code text} is a period of this type. */
    public boolean fits(String text) {
        return text != null && period.matcher(text).matches();
    }

    /**
     * The period a run fired on {@code day} (a date of the city) is for: the month itself, the
     * quarter before (the quarterly run fires in the first days after its quarter), the year itself
     * (the yearly run fires in December).
     */
    public String periodFiredOn(LocalDate day) {
        return switch (this) {
            case MONTHLY -> YearMonth.from(day).toString();
            case QUARTERLY -> {
                LocalDate inQuarter = day.minusMonths(1);
                yield inQuarter.getYear() + "-Q" + ((inQuarter.getMonthValue() - 1) / 3 + 1);
            }
            case YEARLY -> Integer.toString(day.getYear());
        };
    }

    /** The first day of a period of this type. */
    public LocalDate firstDay(String period) {
        int year = year(period);
        return switch (this) {
            case MONTHLY -> YearMonth.parse(period).atDay(1);
            case QUARTERLY -> LocalDate.of(year, (period.charAt(6) - '1') * 3 + 1, 1);
            case YEARLY -> LocalDate.of(year, 1, 1);
        };
    }

    /** The year a period belongs to. */
    public static int year(String period) {
        return Integer.parseInt(period.substring(0, 4));
    }
}
