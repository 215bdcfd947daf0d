package cn.keywork.supervision.task.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What a declaration says about a task (R1, R3). */
public record TaskDetails(int year, TaskCategory category, String title, String target, String content,
        LocalDate deadline, UUID leadUnitId, List<Cooperation> cooperations, String unitHead, UUID leaderInChargeId,
        String responsibleDivision, String responsiblePersonName, String responsiblePersonMobile,
        String documentNumber, TaskSite site) {

    /** A declaration without a site. */
    public TaskDetails(int year, TaskCategory category, String title, String target, String content,
            LocalDate deadline, UUID leadUnitId, List<Cooperation> cooperations, String unitHead, UUID leaderInChargeId,
            String responsibleDivision, String responsiblePersonName, String responsiblePersonMobile,
            String documentNumber) {
        this(year, category, title, target, content, deadline, leadUnitId, cooperations, unitHead, leaderInChargeId,
                responsibleDivision, responsiblePersonName, responsiblePersonMobile, documentNumber, null);
    }

    /** A cooperating department and what it answers for. */
    public record Cooperation(UUID unitId, String responsibility) {
    }
}
