package cn.keywork.supervision.progress.lights.domain;

/**
 * A task's light for a month (R5), decided in this order: COMPLETED (the task is completed or
 * closed, or its actual progress is 100), NOT_REPORTED (the month is closed and no report of it
 * was accepted), RED (lag at or over the red threshold, or the deadline passed below 100),
 * YELLOW (lag at or over the yellow threshold), GREEN.
 */
public enum Light {
    GREEN, YELLOW, RED, COMPLETED, NOT_REPORTED
}
