package cn.keywork.supervision.slip.service;

import java.util.List;

/**
 * What the printed slip shows, every word already in Chinese and every date written out; the
 * template only lays it out (and escapes it). Absent parts are null or empty.
 *
 * @param office the issuing office, heading the page
 * @param title 交办单, 催办单 or 督办单
 * @param number the official number; null before issue (the page marks a draft)
 * @param status where the slip stands, in words
 * @param notice a line above the text when the slip no longer stands as issued (withdrawn, escalated)
 * @param addressees 主送: the target units, in order
 * @param copies 抄送: the units it is copied to; null when none
 * @param approval the leader's approval of a supervision order; null for the other types
 * @param issueDate 成文日期; null before issue
 * @param closing the outcome once closed; null before
 */
public record SlipPage(String office, String title, String number, String status, String notice, String addressees,
        String copies, String taskCode, String taskTitle, String subItem, String requirements, String deadline,
        Approval approval, String issueDate, Evidence evidence, List<Answer> responses, Closing closing) {

    public boolean draft() {
        return number == null;
    }

    /** The leader's decision, by whom, when, with which opinion (any may be null while pending). */
    public record Approval(String decision, String leader, String date, String opinion) {
    }

    /** The snapshot taken when the slip was drafted. */
    public record Evidence(String takenAt, List<Month> months, List<Report> reports, List<EarlierSlip> slips) {
    }

    /** A month's figures; {@code lightCode} names the light for the page's colours. */
    public record Month(String period, String planned, String actual, String lag, String light, String lightCode) {
    }

    /** A month whose report was late or is missing, and what became of it. */
    public record Report(String period, String state) {
    }

    /** An earlier issued slip of the task. */
    public record EarlierSlip(String number, String type, String status, String outcome, String issued) {
    }

    /** A target unit's response and the office's decision on it. */
    public record Answer(int number, String unit, String at, String text, String decision, String note) {
    }

    /** How the office closed the slip (办结). */
    public record Closing(String outcome, String date, String comment) {
    }
}
