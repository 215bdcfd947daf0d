package cn.keywork.supervision.opinion.domain;

import java.util.UUID;

/** What the office's list of opinions is narrowed to; null fields do not narrow. */
public record OpinionFilter(OpinionStatus status, UUID taskId) {
}
