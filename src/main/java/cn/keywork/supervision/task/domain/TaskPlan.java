package cn.keywork.supervision.task.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The planned progress curve of a task (序时进度): for each month, the weighted mean of its
 * sub-items' planned cumulative percentages.
 */
public record TaskPlan(UUID taskId, List<Point> months, List<SubItemCurve> subItems) {

    public record Point(YearMonth month, BigDecimal plannedPercent) {
    }

    public record SubItemCurve(UUID subItemId, BigDecimal weight, List<Point> months) {
    }

    public static TaskPlan of(UUID taskId, List<SubItemView> items) {
        if (items.isEmpty()) {
            return new TaskPlan(taskId, List.of(), List.of());
        }
        YearMonth first = items.stream().map(i -> i.details().schedule().first()).min(YearMonth::compareTo).orElseThrow();
        YearMonth last = items.stream().map(i -> i.details().schedule().last()).max(YearMonth::compareTo).orElseThrow();
        BigDecimal totalWeight = items.stream().map(i -> i.details().weight()).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Point> task = new ArrayList<>();
        List<SubItemCurve> curves = new ArrayList<>();
        for (SubItemView item : items) {
            List<Point> points = new ArrayList<>();
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                points.add(new Point(month, item.details().schedule().plannedAt(month)));
            }
            curves.add(new SubItemCurve(item.id(), item.details().weight(), points));
        }
        int index = 0;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1), index++) {
            BigDecimal weighted = BigDecimal.ZERO;
            for (int i = 0; i < items.size(); i++) {
                weighted = weighted.add(items.get(i).details().weight().multiply(curves.get(i).months().get(index).plannedPercent()));
            }
            task.add(new Point(month, weighted.divide(totalWeight, 2, RoundingMode.HALF_UP)));
        }
        return new TaskPlan(taskId, task, curves);
    }
}
