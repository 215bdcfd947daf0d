package cn.keywork.supervision.publication.domain;

import java.math.BigDecimal;
import java.util.List;

/** A task's figures in every published month, oldest first. */
public record PublicHistory(String code, String title, String category, String leadUnit, List<Month> months) {

    public record Month(String period, BigDecimal planned, BigDecimal actual, BigDecimal lag, String light) {
    }
}
