package cn.keywork.supervision.evidence.domain;

/** Why an attached file deserves a second look; a report's flags are the union of its files'. */
public enum AttachmentFlag {
    /** The same bytes are already attached to a report of the same task. */
    DUPLICATE,
    /** The photo was taken outside the reported month. */
    OUTSIDE_PERIOD,
    /** The photo was taken farther from the task's site than its radius. */
    OUTSIDE_SITE,
    /** The photo carries no capture time. */
    NO_CAPTURE_TIME,
    /** The photo carries no position although the task has a site. */
    NO_LOCATION
}
