package cn.keywork.supervision.publication.domain;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A month's ledger as published: the version on show, when it was published, its light counts and
 * (when read whole) its rows. Holds public fields only.
 */
public record PublishedLedger(String period, int version, OffsetDateTime publishedAt, LightCounts lights,
        List<PublicRow> rows) {

    /** How many tasks of the month carry each light. */
    public record LightCounts(int green, int yellow, int red, int completed, int notReported) {

        public int total() {
            return green + yellow + red + completed + notReported;
        }
    }

    public PublishedLedger withRows(List<PublicRow> rows) {
        return new PublishedLedger(period, version, publishedAt, lights, rows);
    }
}
