package cn.keywork.supervision.evaluation.domain;

import java.time.LocalDate;
import java.util.UUID;

/** An evaluator as a panel sees them: who, whether available, and the unit they are affiliated with. */
public record PanelCandidate(UUID id, String name, String kind, boolean active, LocalDate termFrom, LocalDate termTo,
        UUID affiliationUnitId, String affiliationUnitName) {

    public boolean available(LocalDate day) {
        return active && !day.isBefore(termFrom) && !day.isAfter(termTo);
    }
}
