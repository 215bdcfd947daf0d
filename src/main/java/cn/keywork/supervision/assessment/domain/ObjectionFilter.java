package cn.keywork.supervision.assessment.domain;

import java.util.UUID;

/** The filters of the objection list; null ones do not narrow. */
public record ObjectionFilter(Integer year, UUID unitId, ObjectionStatus status) {
}
