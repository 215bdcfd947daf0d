package cn.keywork.supervision.slip.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.ContractDocument;

/**
 * The Chinese words and dates of a printed slip, in one place. The words of the enumerations
 * are the contract's own {@code x-enum-labels} (zh-CN), read once at start, so the page says
 * what the front ends say; dates are written as official documents write them
 * ({@code 2026年12月5日}) in the city's zone. A code without a label is printed as it is.
 */
@ApplicationScoped
public class SlipLabels {

    /** The contract's enumerations a slip's page names. */
    static final List<String> SCHEMAS = List.of("SlipType", "SlipStatus", "SlipOutcome", "SlipResponseDecision", "Light",
            "ReportStatus", "Role");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu年M月d日");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu年M月d日 HH:mm");

    private final Map<String, Map<String, String>> labels = new HashMap<>();
    private final ZoneId zone;

    SlipLabels(SupervisionConfig config) {
        this.zone = config.timeZone();
        JsonNode schemas = ContractDocument.get().path("components").path("schemas");
        for (String schema : SCHEMAS) {
            Map<String, String> words = new HashMap<>();
            schemas.path(schema).path("x-enum-labels").fields()
                    .forEachRemaining(label -> words.put(label.getKey(), label.getValue().path("zh-CN").asText(label.getKey())));
            if (words.isEmpty()) {
                throw new IllegalStateException("The contract labels no value of " + schema);
            }
            labels.put(schema, Map.copyOf(words));
        }
    }

    /** The label of {@code code} (an enum constant or its name) in the contract's enumeration {@code schema}. */
    public String label(String schema, Object code) {
        if (code == null) {
            return null;
        }
        String name = code instanceof Enum<?> constant ? constant.name() : code.toString();
        return labels.getOrDefault(schema, Map.of()).getOrDefault(name, name);
    }

    /** 交办单, 催办单 or 督办单. */
    public String type(Object type) {
        return label("SlipType", type);
    }

    public String status(Object status) {
        return label("SlipStatus", status);
    }

    public String outcome(Object outcome) {
        return label("SlipOutcome", outcome);
    }

    public String decision(Object decision) {
        return label("SlipResponseDecision", decision);
    }

    public String light(Object light) {
        return label("Light", light);
    }

    public String reportStatus(Object status) {
        return label("ReportStatus", status);
    }

    /** The office behind a role, as supervision orders are copied to it (督考办, 领导小组办公室). */
    public String role(Object role) {
        return label("Role", role);
    }

    /** {@code 2026年12月5日}. */
    public String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    /** The day of {@code instant} in the city's zone, {@code 2026年12月5日}. */
    public String date(Instant instant) {
        return instant == null ? null : DATE.format(instant.atZone(zone));
    }

    /** {@code 2026年12月5日 14:30} in the city's zone. */
    public String time(Instant instant) {
        return instant == null ? null : TIME.format(instant.atZone(zone));
    }

    /** A month {@code 2026-09} as {@code 2026年9月}; anything else as it is. */
    public static String month(String period) {
        if (period == null || !period.matches("\\d{4}-\\d{2}")) {
            return period;
        }
        return period.substring(0, 4) + "年" + Integer.parseInt(period.substring(5)) + "月";
    }

    /** A percentage or a lag without trailing zeros: {@code 60}, {@code 12.5}. */
    public static String number(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
