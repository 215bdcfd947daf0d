package cn.keywork.supervision.slip.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.slip.domain.ProposalDraft;
import cn.keywork.supervision.slip.domain.SlipPolicy;
import cn.keywork.supervision.slip.domain.SlipProposal;
import cn.keywork.supervision.slip.repository.SlipProposalRepository;
import cn.keywork.supervision.slip.repository.SlipProposalRepository.Month;
import cn.keywork.supervision.slip.repository.SlipRepository.Snapshot;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The slips the escalation rules call for in a month (R8, R9), listed for the office and drafted
 * in one set-based statement. The monthly cycle drafts through the same {@link #draft} method.
 */
@ApplicationScoped
public class SlipProposals {

    /** What drafting a month's proposals made: the drafts of this call first, then the earlier ones. */
    public record Drafts(String period, List<ProposalDraft> items) {

        public int drafted() {
            return (int) items.stream().filter(ProposalDraft::created).count();
        }

        public int existing() {
            return items.size() - drafted();
        }
    }

    private final SlipProposalRepository proposals;
    private final AuditTrail audit;
    private final Clock clock;
    private final ZoneId zone;
    private final int responseDays;
    private final int evidenceMonths;

    SlipProposals(SlipProposalRepository proposals, AuditTrail audit, Clock clock, SupervisionConfig config,
            @ConfigProperty(name = "supervision.slips.response-days", defaultValue = "10") int responseDays,
            @ConfigProperty(name = "supervision.slips.evidence-months", defaultValue = "3") int evidenceMonths) {
        this.proposals = proposals;
        this.audit = audit;
        this.clock = clock;
        this.zone = config.timeZone();
        this.responseDays = responseDays;
        this.evidenceMonths = evidenceMonths;
    }

    /** One page of the month's proposals. */
    @WithSession
    public Uni<Page<SlipProposal>> list(String period, PageRequest page) {
        Month month = month(period, clock.instant());
        return proposals.page(month, page.size(), page.offset())
                .chain(items -> proposals.count(month).map(total -> new Page<>(items, page, total)));
    }

    /**
     * Drafts the month's proposals not drafted yet; supervision orders straight to their leaders
     * when {@code submitForApproval}. Idempotent per task, type and month.
     */
    @WithTransaction
    public Uni<Drafts> draft(String period, boolean submitForApproval) {
        Actor actor = RequestScope.actor();
        if (!SlipPolicy.isOffice(actor)) {
            throw new NotPermitted(DomainMessage.SLIP_OFFICE_ONLY, "draft");
        }
        Instant now = clock.instant();
        Month month = month(period, now);
        return proposals.draft(month, now.atZone(zone).getYear(), submitForApproval, actor.userId(), actor.unitId(), now)
                .chain(created -> {
                    if (created.isEmpty()) {
                        return Uni.createFrom().item(created);
                    }
                    Map<String, Object> record = new LinkedHashMap<>();
                    record.put("period", period);
                    record.put("drafted", created.size());
                    record.put("slipIds", created.stream().map(draft -> draft.slipId().toString()).toList());
                    return audit.record(AuditEntry.success("SLIP_PROPOSALS_DRAFTED", "SlipProposals", period,
                            AuditChanges.created(record))).replaceWith(created);
                })
                .chain(created -> proposals.drafted(period).map(all -> {
                    Set<UUID> fresh = created.stream().map(ProposalDraft::slipId).collect(Collectors.toSet());
                    List<ProposalDraft> items = new ArrayList<>(created);
                    all.stream().filter(draft -> !fresh.contains(draft.slipId())).forEach(items::add);
                    return new Drafts(period, items);
                }));
    }

    private Month month(String period, Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate deadline = today.plusDays(responseDays);
        YearMonth judged = YearMonth.parse(period);
        return new Month(period, today, judged.getYear() + "年" + judged.getMonthValue() + "月", deadline,
                deadline.getYear() + "年" + deadline.getMonthValue() + "月" + deadline.getDayOfMonth() + "日",
                new Snapshot(now.atZone(zone).toOffsetDateTime().toString(), evidenceMonths));
    }
}
