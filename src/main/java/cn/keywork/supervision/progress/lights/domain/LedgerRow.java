package cn.keywork.supervision.progress.lights.domain;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** One task of a month's ledger, live (version null) or as frozen. leaderName is personal data. */
public record LedgerRow(String period, Integer version, UUID taskId, String code, String title, String category, UUID leadUnitId,
        String leadUnitName, List<String> cooperatingUnitNames, String leaderName, LocalDate deadline, BigDecimal planned,
        BigDecimal actual, BigDecimal lag, Light light, UUID reportId, String reportStatus, String summary, String problems,
        int photoCount) {
}
