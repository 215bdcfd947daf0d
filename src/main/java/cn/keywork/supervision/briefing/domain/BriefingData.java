package cn.keywork.supervision.briefing.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * What a briefing says (R10), as taken from the data when drafted or refreshed and kept as a
 * snapshot: the quarter's last month by light, category and lead unit; completed and lagging
 * tasks; problems and measures from the reports; problems reported to the city leaders; the
 * slips issued in the quarter; and the previous quarter's lights. Public fields only: units by
 * name, no person.
 */
public record BriefingData(String quarter, String period, String source, Integer ledgerVersion, int taskCount,
        Lights lights, List<LightRow> byCategory, List<LightRow> byUnit, TaskList completed, TaskList lagging,
        ReportProblemList reportProblems, LeaderProblemList reportedToLeaders, List<Slips> slips, Previous previous) {

    /** How many tasks carry each light. */
    public record Lights(int green, int yellow, int red, int completed, int notReported) {
    }

    /** A category's or a lead unit's tasks by light. */
    public record LightRow(String category, UUID unitId, String unitName, int taskCount, Lights lights) {
    }

    public record Task(UUID taskId, String code, String title, String category, String leadUnit, String light,
            BigDecimal lag, String causes, String measures) {
    }

    public record TaskList(int total, List<Task> items) {
    }

    public record ReportProblem(UUID taskId, String code, String title, String leadUnit, String period, String problems,
            String measures) {
    }

    public record ReportProblemList(int total, List<ReportProblem> items) {
    }

    public record LeaderProblem(UUID problemId, UUID taskId, String code, String title, String leadUnit,
            String description) {
    }

    public record LeaderProblemList(int total, List<LeaderProblem> items) {
    }

    /** The slips of one type issued in the quarter and where they stand. */
    public record Slips(String type, int issued, int open, int closed, int resolved, int unresolved, int escalated,
            int withdrawn) {
    }

    public record Previous(String quarter, String period, int taskCount, Lights lights) {
    }
}
