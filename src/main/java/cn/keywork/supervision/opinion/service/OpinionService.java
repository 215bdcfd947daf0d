package cn.keywork.supervision.opinion.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditKeys;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.opinion.domain.OpinionFilter;
import cn.keywork.supervision.opinion.domain.OpinionPolicy;
import cn.keywork.supervision.opinion.domain.OpinionRow;
import cn.keywork.supervision.opinion.domain.OpinionStatus;
import cn.keywork.supervision.opinion.domain.TooManyOpinions;
import cn.keywork.supervision.opinion.repository.OpinionRepository;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.security.Role;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.PageRequest;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Public opinions 接受群众监督 (R15): anyone leaves an opinion on a task shown on a published
 * ledger; it waits PENDING for the office, and only an approved one is ever shown publicly, with
 * the office's reply and never with its contact. One client address may leave
 * {@code supervision.opinions.per-address-per-hour} an hour; the address is kept only as a keyed
 * hash. Approved opinions are material of the evaluation rounds whose subject the task is.
 */
@ApplicationScoped
public class OpinionService {

    static final String OBJECT_TYPE = "PublicOpinion";
    private static final String ADDRESS_PURPOSE = "public-opinion-address";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final OpinionRepository opinions;
    private final AuditTrail audit;
    private final AuditKeys keys;
    private final Clock clock;
    private final int perHour;

    OpinionService(OpinionRepository opinions, AuditTrail audit, AuditKeys keys, Clock clock, SupervisionConfig config) {
        this.opinions = opinions;
        this.audit = audit;
        this.keys = keys;
        this.clock = clock;
        this.perHour = config.opinions().perAddressPerHour();
    }

    /** Receives an anonymous opinion from {@code clientAddress}, PENDING; 404 for a task not published, TooManyOpinions beyond the limit. */
    @WithTransaction
    public Uni<OpinionRow> submit(String code, String text, String nickname, String contact, String clientAddress) {
        String clientKey = keys.keyedHash(ADDRESS_PURPOSE, clientAddress == null ? "" : clientAddress);
        Instant now = clock.instant();
        return published(code).chain(taskId -> opinions.recentFrom(clientKey, now.minus(WINDOW)).chain(recent -> {
            long count = ((Number) recent[0]).longValue();
            if (count >= perHour) {
                Instant oldest = cn.keywork.supervision.persistence.SqlValues.instant(recent[1]);
                long wait = oldest == null ? WINDOW.toSeconds()
                        : Math.max(1, Duration.between(now, oldest.plus(WINDOW)).toSeconds() + 1);
                return Uni.createFrom().failure(new TooManyOpinions(wait));
            }
            OpinionRow row = new OpinionRow(UUID.randomUUID(), taskId, code, text, blankToNull(nickname),
                    blankToNull(contact), OpinionStatus.PENDING, null, null, now, null, 1);
            return opinions.insert(row, clientKey).replaceWith(row);
        }));
    }

    /** The approved opinions on a published task, newest first. */
    @WithSession
    public Uni<List<OpinionRow>> publicList(String code) {
        return published(code).chain(opinions::approved);
    }

    @WithSession
    public Uni<Page<OpinionRow>> list(OpinionFilter filter, PageRequest page) {
        return opinions.list(filter, page.size(), page.offset())
                .chain(rows -> opinions.count(filter).map(total -> new Page<>(rows, page, total)));
    }

    /** The office's decision, once, audited. */
    @WithTransaction
    public Uni<OpinionRow> moderate(UUID opinionId, OpinionPolicy.Decision decision, String reply, String reason) {
        Actor actor = RequestScope.actor();
        return find(opinionId).chain(row -> {
            OpinionStatus status = OpinionPolicy.decide(row, decision, reason);
            String storedReply = blankToNull(reply);
            String storedReason = blankToNull(reason);
            return opinions.moderate(opinionId, status, storedReply, storedReason, actor.userId(), clock.instant())
                    .chain(stored -> stored ? Uni.createFrom().voidItem()
                            : find(opinionId).invoke(now -> OpinionPolicy.decide(now, decision, reason)).replaceWithVoid())
                    .call(() -> {
                        Map<String, Object> before = Map.of("status", row.status().name());
                        Map<String, Object> after = new LinkedHashMap<>();
                        after.put("status", status.name());
                        if (storedReply != null) {
                            after.put("reply", storedReply);
                        }
                        if (storedReason != null) {
                            after.put("reason", storedReason);
                        }
                        return audit.record(AuditEntry.success("OPINION_" + status.name(), OBJECT_TYPE, opinionId,
                                AuditChanges.between(before, after)));
                    })
                    .chain(() -> find(opinionId));
        });
    }

    /** The approved opinions on the round's subjects; an evaluator's only on the subjects of their panels. */
    @WithSession
    public Uni<List<OpinionRow>> forRound(UUID roundId, UUID taskId) {
        Actor actor = RequestScope.actor();
        boolean cityWide = actor.isSystem() || actor.has(Role.OFFICE) || actor.has(Role.ASSESSMENT) || actor.has(Role.ADMIN);
        return opinions.roundExists(roundId).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(new NotFound(DomainMessage.ROUND_NOT_FOUND, roundId));
            }
            return opinions.approvedForRound(roundId, taskId, cityWide ? null : actor.userId());
        });
    }

    private Uni<UUID> published(String code) {
        return opinions.publishedTask(code).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.PUBLIC_TASK_NOT_FOUND, code));
    }

    private Uni<OpinionRow> find(UUID opinionId) {
        return opinions.find(opinionId).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.OPINION_NOT_FOUND, opinionId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
