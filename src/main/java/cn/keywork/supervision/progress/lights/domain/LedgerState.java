package cn.keywork.supervision.progress.lights.domain;

import java.time.Instant;

/** A closed month's ledger: its versions, which one is public, and its own version (the ETag). */
public record LedgerState(String period, int latestVersion, Integer publishedVersion, Instant closedAt, Instant publishedAt,
        int rowCount, long version) {

    public LedgerStatus status() {
        return publishedVersion == null ? LedgerStatus.CLOSED : LedgerStatus.PUBLISHED;
    }
}
