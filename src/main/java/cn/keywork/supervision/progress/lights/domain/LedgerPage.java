package cn.keywork.supervision.progress.lights.domain;

import java.util.List;

/** A page of a ledger: live (state null) or of one frozen version. */
public record LedgerPage(String period, LedgerState state, Integer version, List<LedgerRow> rows, int page, int size, long total) {
}
