package cn.keywork.supervision.task.domain;

import java.time.Instant;
import java.util.UUID;

/** A task as read, with its cooperations. */
public record TaskView(UUID id, String code, TaskDetails details, TaskStatus status, String statusNote, long version,
        Instant createdAt, Instant updatedAt) {

    /** The same task without the responsible person's mobile, for those who may not see it. */
    public TaskView withoutPersonalData() {
        TaskDetails d = details;
        return new TaskView(id, code, new TaskDetails(d.year(), d.category(), d.title(), d.target(), d.content(),
                d.deadline(), d.leadUnitId(), d.cooperations(), d.unitHead(), d.leaderInChargeId(), d.responsibleDivision(),
                d.responsiblePersonName(), null, d.documentNumber(), d.site()), status, statusNote, version, createdAt, updatedAt);
    }
}
