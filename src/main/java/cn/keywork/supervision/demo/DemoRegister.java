package cn.keywork.supervision.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.keywork.supervision.task.domain.Schedule;
import cn.keywork.supervision.task.domain.SubItemDetails;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskDetails;

/**
 * The demo city's register for one year: thirty tasks over every category, led by its counties,
 * zone and bureaus, each broken into sub-items with monthly plans.
 */
final class DemoRegister {

    /** A demo task: category, title, target, lead unit code, cooperating unit codes. */
    record DemoTask(TaskCategory category, String title, String target, String lead, List<String> cooperating) {
    }

    static final List<DemoTask> TASKS = List.of(
            task(TaskCategory.KEY_PROJECT, "城区污水管网改造工程", "新建改造污水管网 50 公里，实施雨污分流", "ZJJ", "STHJJ", "FGW"),
            task(TaskCategory.KEY_PROJECT, "绕城高速东段建设", "完成路基工程 80%，桥梁主体完工", "JTJ", "FGW", "DCQ"),
            task(TaskCategory.KEY_PROJECT, "高新区集成电路产业园一期", "完成主体厂房建设并投产", "GXQ", "FGW"),
            task(TaskCategory.KEY_PROJECT, "市第一人民医院新院区", "完成主体结构封顶", "WJW", "ZJJ", "FGW"),
            task(TaskCategory.KEY_PROJECT, "南湖生态修复工程", "完成湖体清淤 120 万立方米", "STHJJ", "NHX"),
            task(TaskCategory.KEY_PROJECT, "城市轨道交通 1 号线前期工作", "完成可研批复和初步设计", "FGW", "JTJ", "ZJJ"),
            task(TaskCategory.KEY_PROJECT, "西山县抽水蓄能电站", "完成上下水库开挖", "XSX", "FGW"),
            task(TaskCategory.KEY_PROJECT, "老城区燃气管道更新改造", "更新老旧燃气管道 120 公里", "ZJJ", "DCQ"),
            task(TaskCategory.KEY_PROJECT, "国家级物流枢纽建设", "建成多式联运中心一期", "JTJ", "GXQ", "FGW"),
            task(TaskCategory.KEY_PROJECT, "职业教育园区建设", "完成三所院校新校区主体工程", "JYJ", "ZJJ"),
            task(TaskCategory.LIVELIHOOD, "老旧小区改造", "改造老旧小区 86 个，惠及 2.3 万户", "ZJJ", "DCQ", "XSX"),
            task(TaskCategory.LIVELIHOOD, "新建改扩建中小学和幼儿园", "新增学位 1.2 万个", "JYJ", "ZJJ"),
            task(TaskCategory.LIVELIHOOD, "农村饮水安全巩固提升", "改善 15 万农村人口饮水条件", "STHJJ", "XSX", "NHX"),
            task(TaskCategory.LIVELIHOOD, "社区嵌入式养老服务设施", "新建社区养老服务站 60 个", "WJW", "DCQ"),
            task(TaskCategory.LIVELIHOOD, "城乡公交一体化", "新开通城乡公交线路 20 条", "JTJ", "XSX", "NHX"),
            task(TaskCategory.LIVELIHOOD, "基层医疗卫生服务能力提升", "完成 40 个乡镇卫生院标准化建设", "WJW", "FGW"),
            task(TaskCategory.LIVELIHOOD, "城市公园绿地建设", "新增口袋公园 30 个", "ZJJ", "STHJJ"),
            task(TaskCategory.LIVELIHOOD, "停车设施建设", "新增公共停车泊位 8000 个", "JTJ", "ZJJ"),
            task(TaskCategory.LIVELIHOOD, "农贸市场提升改造", "改造提升农贸市场 25 个", "FGW", "DCQ"),
            task(TaskCategory.LIVELIHOOD, "中小学食堂明厨亮灶", "全市中小学食堂实现全覆盖", "JYJ", "WJW"),
            task(TaskCategory.COUNTY_TOPIC, "东城区老城有机更新", "完成历史街区保护性修缮 3 片", "DCQ", "ZJJ"),
            task(TaskCategory.COUNTY_TOPIC, "西山县全域旅游示范区创建", "通过省级全域旅游示范区验收", "XSX", "FGW"),
            task(TaskCategory.COUNTY_TOPIC, "南湖县特色农业产业园", "建成省级现代农业产业园", "NHX", "FGW"),
            task(TaskCategory.MEETING_DECISION, "优化营商环境十条措施落实", "企业开办时间压减至 1 个工作日", "FGW", "GXQ"),
            task(TaskCategory.MEETING_DECISION, "重点企业用工保障", "帮助重点企业招工 2 万人", "FGW", "JYJ"),
            task(TaskCategory.MEETING_DECISION, "安全生产隐患排查整治", "完成重点行业隐患排查全覆盖", "ZJJ", "JTJ"),
            task(TaskCategory.LEADER_INSTRUCTION, "城区内涝点整治", "整治易涝积水点 35 处", "ZJJ", "STHJJ"),
            task(TaskCategory.LEADER_INSTRUCTION, "学校周边交通秩序整治", "重点学校周边实现护学岗全覆盖", "JTJ", "JYJ"),
            task(TaskCategory.LEADER_INSTRUCTION, "医疗机构预约诊疗推广", "二级以上医院分时段预约率达 90%", "WJW"),
            task(TaskCategory.OTHER, "政务服务一网通办", "高频事项网上可办率达 95%", "FGW", "GXQ"));

    private DemoRegister() {
    }

    private static DemoTask task(TaskCategory category, String title, String target, String lead, String... cooperating) {
        return new DemoTask(category, title, target, lead, List.of(cooperating));
    }

    static TaskDetails details(DemoTask task, int year, Map<String, UUID> units, UUID leader) {
        List<TaskDetails.Cooperation> cooperations = task.cooperating().stream()
                .map(code -> new TaskDetails.Cooperation(units.get(code), "配合" + task.title() + "相关工作"))
                .toList();
        return new TaskDetails(year, task.category(), task.title(), task.target(), "围绕“" + task.target() + "”组织实施，"
                + "按月推进、按季通报。", LocalDate.of(year, 12, 31), units.get(task.lead()), cooperations, "主要负责人",
                leader, "综合科", null, null,
                // a leader's instruction comes without a document: the office assigns it by slip (R7)
                task.category() == TaskCategory.LEADER_INSTRUCTION ? null : "示政发〔" + year + "〕1号");
    }

    /** Two sub-items: the first half of the year and the rest; the second answered by the first cooperating unit. */
    static List<SubItemDetails> breakdown(DemoTask task, int year, Map<String, UUID> units) {
        UUID lead = units.get(task.lead());
        UUID second = task.cooperating().isEmpty() ? lead : units.get(task.cooperating().get(0));
        return List.of(
                new SubItemDetails("前期准备与启动实施", lead, "项目负责人", LocalDate.of(year, 6, 30), BigDecimal.ONE,
                        linear(YearMonth.of(year, 1), YearMonth.of(year, 6), "完成前期工作")),
                new SubItemDetails("全面推进并完成" + task.target(), second, "配合负责人", LocalDate.of(year, 12, 31),
                        BigDecimal.valueOf(2), linear(YearMonth.of(year, 3), YearMonth.of(year, 12), "按序时推进")));
    }

    private static Schedule linear(YearMonth first, YearMonth last, String milestone) {
        List<Schedule.Entry> entries = new ArrayList<>();
        int months = (int) (first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
        for (int i = 1; i <= months; i++) {
            BigDecimal planned = i == months ? BigDecimal.valueOf(100) : BigDecimal.valueOf(Math.round(100.0 * i / months));
            entries.add(new Schedule.Entry(first.plusMonths(i - 1), planned, i == months ? milestone : null));
        }
        return new Schedule(entries);
    }
}
