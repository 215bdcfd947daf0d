package cn.keywork.supervision.inquiry.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.service.RoundPhaseListener;
import cn.keywork.supervision.inquiry.repository.InquiryRepository;
import cn.keywork.supervision.security.Actor;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Flags unanswered inquiries overdue (R14): every {@code supervision.inquiries.scan-every} those
 * past their due time, and when a round's INQUIRY phase ends (INQUIRY → SCORING) every one of the
 * round still unanswered. Each inquiry is stamped and gets its {@code evaluation.inquiry_overdue}
 * event once, also with several instances scanning (see {@link InquiryRepository#overdue}).
 */
@ApplicationScoped
public class InquiryOverdueScan implements RoundPhaseListener {

    private static final Logger LOG = Logger.getLogger(InquiryOverdueScan.class);

    private final InquiryRepository inquiries;
    private final AuditTrail audit;
    private final Clock clock;

    InquiryOverdueScan(InquiryRepository inquiries, AuditTrail audit, Clock clock) {
        this.inquiries = inquiries;
        this.audit = audit;
        this.clock = clock;
    }

    @Scheduled(every = "{supervision.inquiries.scan-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scan().replaceWithVoid();
    }

    /** Stamps the inquiries that became overdue since the last scan and appends their events; how many. */
    @WithTransaction
    public Uni<Long> scan() {
        return inquiries.overdue(clock.instant()).call(count -> recorded(count, null));
    }

    /** The inquiry phase ended: what is still unanswered is overdue. Runs in the move's transaction. */
    @Override
    public Uni<Void> onMove(UUID roundId, RoundStatus from, RoundStatus to) {
        if (from != RoundStatus.INQUIRY) {
            return Uni.createFrom().voidItem();
        }
        return inquiries.overdueInRound(roundId, clock.instant()).call(count -> recorded(count, roundId)).replaceWithVoid();
    }

    private Uni<Void> recorded(long count, UUID roundId) {
        if (count == 0) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("Inquiries overdue: %d flagged", count);
        return audit.record(Actor.SYSTEM, new AuditEntry("INQUIRIES_OVERDUE", InquiryService.OBJECT_TYPE,
                roundId == null ? null : roundId.toString(), AuditEntry.Outcome.SUCCESS, null,
                count + " inquiries not answered in time flagged overdue"));
    }
}
