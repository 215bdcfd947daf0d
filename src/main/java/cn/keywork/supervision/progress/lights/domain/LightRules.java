package cn.keywork.supervision.progress.lights.domain;

import java.util.Map;

/** The thresholds in force: the general ones and those replacing them for some categories. */
public record LightRules(Thresholds general, Map<String, Thresholds> byCategory) {

    public LightRules {
        byCategory = Map.copyOf(byCategory);
    }

    public Thresholds of(String category) {
        return byCategory.getOrDefault(category, general);
    }
}
