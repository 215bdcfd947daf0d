package cn.keywork.supervision.task.domain;

import java.util.UUID;

/** A sub-item as read, with its schedule. */
public record SubItemView(UUID id, UUID taskId, SubItemDetails details, long version) {
}
