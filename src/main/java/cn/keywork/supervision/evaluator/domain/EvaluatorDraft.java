package cn.keywork.supervision.evaluator.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.evaluation.domain.EvaluatorKind;

/**
 * What the office says about an evaluator: on appointment every field, on a change only those
 * sent (null: unchanged).
 */
public record EvaluatorDraft(EvaluatorKind kind, String name, String affiliation, UUID affiliationUnitId,
        List<String> expertise, LocalDate termFrom, LocalDate termTo, String appointmentDocument, String mobile,
        String email, Boolean namePublic, Boolean active) {

    /** The row after applying the fields sent to {@code row}. */
    public EvaluatorRow applyTo(EvaluatorRow row, java.time.Instant now) {
        EvaluatorRow changed = new EvaluatorRow(row.id(), or(kind, row.kind()), or(name, row.name()),
                or(affiliation, row.affiliation()), or(affiliationUnitId, row.affiliationUnitId()),
                or(expertise, row.expertise()), or(termFrom, row.termFrom()), or(termTo, row.termTo()),
                or(appointmentDocument, row.appointmentDocument()), or(mobile, row.mobile()), or(email, row.email()),
                or(namePublic, row.namePublic()), or(active, row.active()), row.userId(), row.username(),
                row.version() + 1, row.createdAt(), now);
        requireTerm(changed.termFrom(), changed.termTo());
        return changed;
    }

    public static void requireTerm(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw InvalidInput.of("termTo", InvalidInput.Reason.RULE, DomainMessage.EVALUATOR_TERM_INVALID, from, to);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
