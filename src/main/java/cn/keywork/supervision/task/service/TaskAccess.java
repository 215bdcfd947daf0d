package cn.keywork.supervision.task.service;

import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.task.domain.KeyTask;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.ProblemType;

/** Who speaks for a task: its lead unit and the supervision office (and the service itself). */
final class TaskAccess {

    private TaskAccess() {
    }

    static boolean leadOrOffice(KeyTask task, Actor actor) {
        return actor.isSystem() || actor.has(Role.OFFICE) || task.leadUnitId().equals(actor.unitId());
    }

    /** Refuses with 403 anyone else; {@code what} completes "Only the lead unit or the office can …". */
    static void requireLeadOrOffice(KeyTask task, Actor actor, String what) {
        if (!leadOrOffice(task, actor)) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Only the lead unit or the office can " + what + ".");
        }
    }
}
