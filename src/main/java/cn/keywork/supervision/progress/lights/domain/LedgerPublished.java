package cn.keywork.supervision.progress.lights.domain;

/** Fired (as a CDI event) once the publication of a month's ledger has committed. */
public record LedgerPublished(String period, int version) {
}
