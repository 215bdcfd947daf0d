package cn.keywork.supervision.inquiry.domain;

import java.util.UUID;

/**
 * Whose inquiries a caller sees: an evaluator those they put, a unit account those addressed to its
 * unit, the city-wide roles and auditors every one. Exactly one of the ids is set, or none for all.
 */
public record InquiryReader(UUID evaluatorId, UUID unitId) {

    public static final InquiryReader ALL = new InquiryReader(null, null);

    public static InquiryReader evaluator(UUID evaluatorId) {
        return new InquiryReader(evaluatorId, null);
    }

    public static InquiryReader unit(UUID unitId) {
        return new InquiryReader(null, unitId);
    }
}
