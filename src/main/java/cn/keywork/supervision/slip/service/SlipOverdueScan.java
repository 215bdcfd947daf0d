package cn.keywork.supervision.slip.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.slip.repository.OverdueRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * The overdue notices of slips (R8, R9): every {@code supervision.slips.overdue-scan-every}, the
 * issued slips not acknowledged within {@code supervision.slips.acknowledge-within-hours} and the
 * slips without an accepted response past their response deadline (a date of the city) are
 * stamped and get one {@code slip.overdue} event each, in one transaction. A slip is stamped once
 * per kind, so its event is appended once, also with several instances scanning (see
 * {@link OverdueRepository}).
 */
@ApplicationScoped
public class SlipOverdueScan {

    private static final Logger LOG = Logger.getLogger(SlipOverdueScan.class);

    /** What one scan found: slips newly overdue for acknowledgement and for the response. */
    public record Found(long acknowledgement, long response) {

        public long total() {
            return acknowledgement + response;
        }
    }

    private final OverdueRepository overdue;
    private final Clock clock;
    private final ZoneId zone;
    private final int acknowledgeHours;

    SlipOverdueScan(OverdueRepository overdue, Clock clock, SupervisionConfig config) {
        this.overdue = overdue;
        this.clock = clock;
        this.zone = config.timeZone();
        this.acknowledgeHours = config.slips().acknowledgeWithinHours();
    }

    @Scheduled(every = "{supervision.slips.overdue-scan-every}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return scan().replaceWithVoid();
    }

    /** Stamps the slips that became overdue since the last scan and appends their events. */
    @WithTransaction
    public Uni<Found> scan() {
        Instant now = clock.instant();
        return overdue.acknowledgementOverdue(now, acknowledgeHours)
                .chain(acknowledgement -> overdue.responseOverdue(now, now.atZone(zone).toLocalDate())
                        .map(response -> new Found(acknowledgement, response)))
                .invoke(found -> {
                    if (found.total() > 0) {
                        LOG.infof("Slips overdue: %d not acknowledged in time, %d without an accepted response by the deadline",
                                found.acknowledgement(), found.response());
                    }
                });
    }
}
