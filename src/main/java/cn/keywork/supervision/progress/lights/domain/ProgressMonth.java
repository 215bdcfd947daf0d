package cn.keywork.supervision.progress.lights.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A task's figures for one month, with its sub-items' and the month's own report (if any). */
public record ProgressMonth(String period, BigDecimal planned, BigDecimal actual, BigDecimal lag, Light light, UUID reportId,
        String reportStatus, List<SubItemFigure> subItems) {

    public record SubItemFigure(UUID subItemId, BigDecimal planned, BigDecimal actual, BigDecimal lag) {
    }
}
