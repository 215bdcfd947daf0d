package cn.keywork.supervision.evidence.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.security.Actor;

/** The flags a file earns, from what it tells of itself, the reported month and the task's site. */
public final class EvidenceRules {

    private EvidenceRules() {
    }

    /**
     * @param period   the reported month, in {@code zone}
     * @param site     the task's site, or null when it has none
     * @param duplicate whether the same bytes are already attached to a report of the task
     */
    public static Set<AttachmentFlag> flags(FileFacts facts, YearMonth period, ZoneId zone, Site site, boolean duplicate) {
        Set<AttachmentFlag> flags = EnumSet.noneOf(AttachmentFlag.class);
        if (duplicate) {
            flags.add(AttachmentFlag.DUPLICATE);
        }
        if (!facts.isImage()) {
            return flags;
        }
        if (facts.takenAt() == null) {
            flags.add(AttachmentFlag.NO_CAPTURE_TIME);
        } else if (!taken(facts.takenAt(), zone).equals(period)) {
            flags.add(AttachmentFlag.OUTSIDE_PERIOD);
        }
        if (site != null) {
            if (facts.latitude() == null || facts.longitude() == null) {
                flags.add(AttachmentFlag.NO_LOCATION);
            } else if (!site.contains(facts.latitude(), facts.longitude())) {
                flags.add(AttachmentFlag.OUTSIDE_SITE);
            }
        }
        return flags;
    }

    private static YearMonth taken(Instant at, ZoneId zone) {
        return YearMonth.from(at.atZone(zone));
    }

    /**
     * The lead unit and the office manage all of a report's evidence; a cooperating unit removes
     * only what its own unit attached, not the lead unit's proof.
     */
    public static void requireMayRemove(Actor actor, UUID leadUnitId, UUID uploaderUnitId) {
        Optional<UUID> unit = actor.unitScope();
        if (unit.isEmpty() || unit.get().equals(leadUnitId) || unit.get().equals(uploaderUnitId)) {
            return;
        }
        throw new NotPermitted(DomainMessage.ATTACHMENT_REMOVE_OWN_ONLY);
    }
}
