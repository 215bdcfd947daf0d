package cn.keywork.supervision.publication.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * One task of a published ledger, as the public may read it: units by name, never a person's
 * name, phone, e-mail or account id.
 */
public record PublicRow(String code, String title, String category, String leadUnit, List<String> cooperatingUnits,
        BigDecimal planned, BigDecimal actual, BigDecimal lag, String light, String summary, String problems,
        List<UUID> photoIds) {
}
