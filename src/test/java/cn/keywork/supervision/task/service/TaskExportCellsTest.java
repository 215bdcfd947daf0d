package cn.keywork.supervision.task.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Where a sub-item's monthly plan lands in the 分解事项 sheet (R4): plain cases, no database. */
class TaskExportCellsTest {

    private static Object[] placed(int year, String[] months, String[] planned, String[] milestones) {
        Object[] cells = new Object[TaskExport.SUB_ITEM_COLUMNS.size()];
        TaskExport.placeMonths(cells, year, months, planned, milestones);
        return Arrays.copyOfRange(cells, TaskExport.FIRST_MONTH, cells.length);
    }

    @Test
    void r4_each_month_of_the_task_s_year_lands_in_its_own_column_with_percentage_and_milestone() {
        Object[] months = placed(2026, new String[] { "2026-03", "2026-04", "2026-12" }, new String[] { "20", "35.5", "100" },
                new String[] { "开工", null, "完工" });
        assertThat(months).containsExactly("", "", "20%：开工", "35.5%", "", "", "", "", "", "", "", "100%：完工", "");
    }

    @Test
    void r4_months_of_another_year_go_to_the_last_column_in_order_with_their_month() {
        Object[] months = placed(2026, new String[] { "2025-12", "2026-01", "2027-01" }, new String[] { "10", "50", "100" },
                new String[] { "准备", null, null });
        assertThat(months[0]).isEqualTo("50%");
        assertThat(months[12]).isEqualTo("2025-12 10%：准备；2027-01 100%");
    }

    @Test
    void r4_a_sub_item_without_a_plan_leaves_every_month_empty() {
        assertThat(placed(2026, new String[0], new String[0], new String[0])).containsOnly("");
    }

    @Test
    void the_headers_are_the_offices_columns_and_the_months_follow_the_sub_item_s_fields() {
        assertThat(TaskExport.TASK_COLUMNS.stream().map(TaskExport.Column::header).toList()).startsWith("编号", "年度", "类别",
                "任务名称", "牵头单位", "配合单位", "责任领导", "状态", "当月亮灯", "完成时限");
        assertThat(TaskExport.SUB_ITEM_COLUMNS.get(TaskExport.FIRST_MONTH).header()).isEqualTo("1月");
        assertThat(TaskExport.SUB_ITEM_COLUMNS.get(TaskExport.FIRST_MONTH + 11).header()).isEqualTo("12月");
        assertThat(TaskExport.SUB_ITEM_COLUMNS).hasSize(TaskExport.FIRST_MONTH + 13);
    }
}
