package cn.keywork.supervision.progress.domain;

import java.time.Instant;

/** One submission kept whole; {@code contentJson} is the content as submitted. */
public record ReportVersionView(int number, Instant submittedAt, boolean late, String contentJson) {
}
