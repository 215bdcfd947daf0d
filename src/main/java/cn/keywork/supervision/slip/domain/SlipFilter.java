package cn.keywork.supervision.slip.domain;

import java.util.UUID;

/** What a list of slips narrows to; every part may be null (not narrowed). */
public record SlipFilter(SlipType type, SlipStatus status, Integer year, UUID taskId, UUID unitId, Boolean overdue) {
}
