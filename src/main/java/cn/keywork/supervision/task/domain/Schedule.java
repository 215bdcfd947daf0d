package cn.keywork.supervision.task.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.InvalidInput.Reason;

/**
 * A sub-item's monthly plan (R4): every month from the first to the deadline's month once, in
 * order, with a planned cumulative percentage that never decreases and reaches 100 in the
 * deadline month. {@link #check} names each offending month.
 */
public record Schedule(@JsonValue List<Entry> entries) {

    /** Read back as the plain list of months it is written as. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Schedule {
        entries = List.copyOf(entries);
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** One month of the plan. */
    public record Entry(YearMonth month, BigDecimal plannedPercent, String milestone) {
    }

    public YearMonth first() {
        return entries.get(0).month();
    }

    public YearMonth last() {
        return entries.get(entries.size() - 1).month();
    }

    /** Planned cumulative percentage at the end of {@code month}: 0 before the plan, 100 after it. */
    public BigDecimal plannedAt(YearMonth month) {
        if (month.isBefore(first())) {
            return BigDecimal.ZERO;
        }
        BigDecimal planned = BigDecimal.ZERO;
        for (Entry entry : entries) {
            if (entry.month().isAfter(month)) {
                break;
            }
            planned = entry.plannedPercent();
        }
        return planned;
    }

    /** Refuses a schedule that does not fit the rules, naming every offending month. */
    public void check(LocalDate deadline, String field) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        YearMonth deadlineMonth = YearMonth.from(deadline);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String at = field + "[" + i + "]";
            if (i > 0 && !entry.month().equals(entries.get(i - 1).month().plusMonths(1))) {
                errors.add(at + ".month", Reason.RULE, DomainMessage.SCHEDULE_MONTHS_NOT_CONSECUTIVE, entry.month(),
                        entries.get(i - 1).month().plusMonths(1));
            }
            if (entry.month().isAfter(deadlineMonth)) {
                errors.add(at + ".month", Reason.RANGE, DomainMessage.SCHEDULE_MONTH_AFTER_DEADLINE, entry.month(),
                        deadlineMonth);
            }
            if (entry.plannedPercent().compareTo(BigDecimal.ZERO) < 0 || entry.plannedPercent().compareTo(HUNDRED) > 0) {
                errors.add(at + ".plannedPercent", Reason.RANGE, DomainMessage.SCHEDULE_PERCENT_OUT_OF_RANGE, entry.month());
            }
            if (i > 0 && entry.plannedPercent().compareTo(entries.get(i - 1).plannedPercent()) < 0) {
                errors.add(at + ".plannedPercent", Reason.RULE, DomainMessage.SCHEDULE_PERCENT_DECREASES, entry.month(),
                        shown(entry.plannedPercent()), shown(entries.get(i - 1).plannedPercent()), entries.get(i - 1).month());
            }
        }
        Entry last = entries.get(entries.size() - 1);
        if (!last.month().equals(deadlineMonth)) {
            errors.add(field + "[" + (entries.size() - 1) + "].month", Reason.RULE, DomainMessage.SCHEDULE_ENDS_BEFORE_DEADLINE,
                    last.month(), deadlineMonth);
        }
        if (last.plannedPercent().compareTo(HUNDRED) != 0) {
            errors.add(field + "[" + (entries.size() - 1) + "].plannedPercent", Reason.RULE, DomainMessage.SCHEDULE_NOT_COMPLETE,
                    last.month());
        }
        errors.throwIfAny();
    }

    /** 12.50 → 12.5; a number with an extreme exponent stays in scientific notation, so a message stays short. */
    private static String shown(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return Math.abs(stripped.scale()) <= 20 ? stripped.toPlainString() : stripped.toString();
    }
}
