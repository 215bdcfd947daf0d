package cn.keywork.supervision.briefing.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The briefing's text (R10), in the office's usual order: 一、总体情况 二、进展较好的任务
 * 三、进度滞后的任务 四、存在的问题及对策 五、督办情况 六、下一步工作. Laid out once as sections of
 * paragraphs and tables, from the data snapshot and the office's own text only, and written as
 * Markdown here (the printable page writes the same sections as HTML).
 */
public final class BriefingText {

    public static final Map<String, String> CATEGORIES = Map.of("KEY_PROJECT", "十项重点工程", "LIVELIHOOD", "十件民生实事",
            "COUNTY_TOPIC", "一县一题", "MEETING_DECISION", "会议议定事项", "LEADER_INSTRUCTION", "领导批示事项", "OTHER", "其他");
    public static final Map<String, String> LIGHTS = Map.of("GREEN", "绿灯", "YELLOW", "黄灯", "RED", "红灯", "COMPLETED",
            "已完成", "NOT_REPORTED", "未报送");
    public static final Map<String, String> SLIPS = Map.of("ASSIGNMENT", "交办单", "URGING", "催办单", "SUPERVISION", "督办单");

    private static final List<String> LIGHT_HEADERS = List.of("任务数", "已完成", "绿灯", "黄灯", "红灯", "未报送");

    /** A table: its header cells and its rows of cells. */
    public record Table(String caption, List<String> headers, List<List<String>> rows) {
    }

    /** A section: its heading, its paragraphs and its tables. */
    public record Section(String heading, List<String> paragraphs, List<Table> tables) {
    }

    private BriefingText() {
    }

    /** The title a new draft gets: 2026年第四季度重点工作推进情况通报. */
    public static String defaultTitle(Quarter quarter) {
        return quarter.year() + "年" + quarter.chineseName() + "重点工作推进情况通报";
    }

    public static List<Section> sections(String conclusions, BriefingData data) {
        List<Section> sections = new ArrayList<>();
        sections.add(overview(data));
        sections.add(completed(data));
        sections.add(lagging(data));
        sections.add(problems(data));
        sections.add(slips(data));
        sections.add(new Section("六、下一步工作", List.of(present(conclusions) ? conclusions.strip()
                : "各责任单位要对照年度目标，聚焦进度滞后任务和存在问题，逐项细化整改措施，确保各项重点工作按期保质完成。"
                        + "督查办将持续跟踪督办。"), List.of()));
        return sections;
    }

    public static String markdown(String title, String foreword, String conclusions, BriefingData data) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        if (present(foreword)) {
            md.append(foreword.strip()).append("\n\n");
        }
        for (Section section : sections(conclusions, data)) {
            md.append("## ").append(section.heading()).append("\n\n");
            for (String paragraph : section.paragraphs()) {
                md.append(paragraph).append("\n\n");
            }
            for (Table table : section.tables()) {
                if (table.caption() != null) {
                    md.append("**").append(table.caption()).append("**\n\n");
                }
                md.append("| ").append(String.join(" | ", table.headers())).append(" |\n|")
                        .append("---|".repeat(table.headers().size())).append('\n');
                for (List<String> row : table.rows()) {
                    md.append("| ").append(String.join(" | ", row.stream().map(BriefingText::cell).toList())).append(" |\n");
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    private static Section overview(BriefingData data) {
        BriefingData.Lights l = data.lights();
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add("截至" + month(data.period()) + "，纳入督查的重点工作共" + data.taskCount() + "项，其中已完成" + l.completed()
                + "项、绿灯" + l.green() + "项、黄灯" + l.yellow() + "项、红灯" + l.red() + "项、未报送" + l.notReported() + "项"
                + ("LEDGER".equals(data.source()) ? "（数据取自" + month(data.period()) + "台账第" + data.ledgerVersion() + "版）"
                        : "（" + month(data.period()) + "台账尚未冻结，数据取自当月测算结果）") + "。");
        BriefingData.Previous p = data.previous();
        if (p != null && p.taskCount() > 0) {
            BriefingData.Lights b = p.lights();
            paragraphs.add("与上季度末（" + month(p.period()) + "）相比：" + change("已完成", b.completed(), l.completed()) + "，"
                    + change("绿灯", b.green(), l.green()) + "，" + change("黄灯", b.yellow(), l.yellow()) + "，"
                    + change("红灯", b.red(), l.red()) + "，" + change("未报送", b.notReported(), l.notReported()) + "。");
        } else {
            paragraphs.add("上季度末无可比数据。");
        }
        List<Table> tables = new ArrayList<>();
        if (!data.byCategory().isEmpty()) {
            tables.add(new Table("分类别情况", headers("类别"), data.byCategory().stream()
                    .map(row -> counts(CATEGORIES.getOrDefault(row.category(), row.category()), row)).toList()));
        }
        if (!data.byUnit().isEmpty()) {
            tables.add(new Table("分牵头单位情况", headers("牵头单位"), data.byUnit().stream()
                    .map(row -> counts(row.unitName(), row)).toList()));
        }
        return new Section("一、总体情况", paragraphs, tables);
    }

    private static Section completed(BriefingData data) {
        BriefingData.TaskList completed = data.completed();
        if (completed.total() == 0) {
            return new Section("二、进展较好的任务", List.of("本季度末暂无已完成的任务。"), List.of());
        }
        return new Section("二、进展较好的任务", paragraphs("本季度末已完成任务" + completed.total() + "项。", completed.total(),
                completed.items()), List.of(new Table(null, List.of("任务", "类别", "牵头单位"), completed.items().stream()
                        .map(task -> List.of(name(task.code(), task.title()), CATEGORIES.getOrDefault(task.category(),
                                task.category()), task.leadUnit())).toList())));
    }

    private static Section lagging(BriefingData data) {
        BriefingData.TaskList lagging = data.lagging();
        if (lagging.total() == 0) {
            return new Section("三、进度滞后的任务", List.of("本季度末无进度滞后的任务。"), List.of());
        }
        return new Section("三、进度滞后的任务", paragraphs("本季度末进度滞后（黄灯、红灯、未报送）的任务" + lagging.total() + "项。",
                lagging.total(), lagging.items()), List.of(new Table(null, List.of("任务", "牵头单位", "状态", "滞后（百分点）",
                        "滞后原因", "整改措施"), lagging.items().stream().map(task -> List.of(name(task.code(), task.title()),
                                task.leadUnit(), LIGHTS.getOrDefault(task.light(), task.light()), points(task.lag()),
                                orUnstated(task.causes()), orUnstated(task.measures()))).toList())));
    }

    private static Section problems(BriefingData data) {
        List<String> paragraphs = new ArrayList<>();
        List<Table> tables = new ArrayList<>();
        BriefingData.ReportProblemList reported = data.reportProblems();
        if (reported.total() == 0) {
            paragraphs.add("本季度各单位报告中未反映需要协调的问题。");
        } else {
            paragraphs.addAll(paragraphs("各单位本季度报告反映问题" + reported.total() + "项，所提对策如下表。", reported.total(),
                    reported.items()));
            tables.add(new Table("报告反映的问题及对策", List.of("任务", "牵头单位", "月份", "存在问题", "对策措施"), reported.items()
                    .stream().map(problem -> List.of(name(problem.code(), problem.title()), problem.leadUnit(),
                            month(problem.period()), orUnstated(problem.problems()), orUnstated(problem.measures()))).toList()));
        }
        BriefingData.LeaderProblemList leaders = data.reportedToLeaders();
        if (leaders.total() > 0) {
            paragraphs.addAll(paragraphs("本季度提请市领导协调的问题" + leaders.total() + "项。", leaders.total(), leaders.items()));
            tables.add(new Table("提请市领导协调的问题", List.of("任务", "牵头单位", "问题"), leaders.items().stream()
                    .map(problem -> List.of(name(problem.code(), problem.title()), problem.leadUnit(), problem.description()))
                    .toList()));
        }
        return new Section("四、存在的问题及对策", paragraphs, tables);
    }

    private static Section slips(BriefingData data) {
        int issued = data.slips().stream().mapToInt(BriefingData.Slips::issued).sum();
        if (issued == 0) {
            return new Section("五、督办情况", List.of("本季度未印发交办单、催办单或督办单。"), List.of());
        }
        return new Section("五、督办情况", List.of("本季度共印发督查文书" + issued + "份，办理情况如下表。"), List.of(new Table(null,
                List.of("类型", "印发", "办理中", "已办结", "已解决", "未解决", "已升级督办", "已撤回"), data.slips().stream()
                        .map(s -> List.of(SLIPS.getOrDefault(s.type(), s.type()), "" + s.issued(), "" + s.open(), "" + s.closed(),
                                "" + s.resolved(), "" + s.unresolved(), "" + s.escalated(), "" + s.withdrawn())).toList())));
    }

    private static List<String> headers(String first) {
        List<String> headers = new ArrayList<>(List.of(first));
        headers.addAll(LIGHT_HEADERS);
        return headers;
    }

    private static List<String> counts(String name, BriefingData.LightRow row) {
        BriefingData.Lights l = row.lights();
        return List.of(name == null ? "" : name, "" + row.taskCount(), "" + l.completed(), "" + l.green(), "" + l.yellow(),
                "" + l.red(), "" + l.notReported());
    }

    private static List<String> paragraphs(String first, int total, List<?> shown) {
        return total > shown.size() ? List.of(first, "下表列出其中" + shown.size() + "项，另有" + (total - shown.size()) + "项从略。")
                : List.of(first);
    }

    private static String change(String label, int before, int now) {
        int delta = now - before;
        return label + (delta > 0 ? "增加" + delta + "项" : delta < 0 ? "减少" + -delta + "项" : "持平");
    }

    /** 2026年12月 */
    public static String month(String period) {
        return period.substring(0, 4) + "年" + Integer.parseInt(period.substring(5, 7)) + "月";
    }

    public static String name(String code, String title) {
        return code == null ? title : title + "（" + code + "）";
    }

    public static String points(BigDecimal lag) {
        return lag == null ? "—" : lag.stripTrailingZeros().toPlainString();
    }

    private static String orUnstated(String text) {
        return present(text) ? text.strip() : "未说明";
    }

    private static String cell(String text) {
        return text == null ? "" : text.strip().replace("|", "｜").replace('\n', ' ').replace('\r', ' ');
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
