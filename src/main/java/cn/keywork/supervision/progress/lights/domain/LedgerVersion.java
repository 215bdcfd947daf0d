package cn.keywork.supervision.progress.lights.domain;

import java.time.Instant;

/** One frozen version of a month's ledger. */
public record LedgerVersion(String period, int number, String reason, int rowCount, Instant createdAt, boolean published) {
}
