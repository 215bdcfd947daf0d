package cn.keywork.supervision.inquiry.domain;

import java.util.Set;
import java.util.UUID;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;

/** A round's subject as an inquiry sees it: its code and the units answering for it. */
public record InquirySubject(UUID taskId, String code, UUID leadUnitId, Set<UUID> cooperatingUnitIds) {

    /** The unit to ask: the lead unit by default; the lead or a cooperating unit, else 400. */
    public UUID addressee(UUID requested) {
        if (requested == null) {
            return leadUnitId;
        }
        if (!requested.equals(leadUnitId) && !cooperatingUnitIds.contains(requested)) {
            throw InvalidInput.of("unitId", InvalidInput.Reason.RULE, DomainMessage.INQUIRY_UNIT_NOT_ANSWERING, requested);
        }
        return requested;
    }
}
