package cn.keywork.supervision.points.domain;

/** Where an entry's points come from: day-to-day supervision, the public evaluation, or a manual entry. */
public enum PointSource {
    SUPERVISION, EVALUATION, MANUAL
}
