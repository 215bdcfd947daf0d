package cn.keywork.supervision.progress.lights.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The lights of a month at a glance, within the reader's scope. */
public record Dashboard(String period, LedgerStatus status, long total, List<LightCount> byLightAndCategory,
        List<UnitLights> byUnit, List<TaskFigure> mostLagging, List<TaskFigure> missingReports) {

    public record LightCount(Light light, String category, long count) {
    }

    public record UnitLights(UUID unitId, String unitName, long green, long yellow, long red, long completed, long notReported,
            long total) {
    }

    public record TaskFigure(UUID taskId, String code, String title, String category, UUID leadUnitId, String leadUnitName,
            BigDecimal planned, BigDecimal actual, BigDecimal lag, Light light, String reportStatus) {
    }

    /** What the database gives; the period and status are the service's. */
    public record Counts(long total, List<LightCount> byLightAndCategory, List<UnitLights> byUnit, List<TaskFigure> mostLagging,
            List<TaskFigure> missingReports) {
    }
}
