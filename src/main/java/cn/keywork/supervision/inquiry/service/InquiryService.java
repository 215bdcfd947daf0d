package cn.keywork.supervision.inquiry.service;

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
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.evaluation.domain.RoundPolicy;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.inquiry.domain.InquiryFilter;
import cn.keywork.supervision.inquiry.domain.InquiryPolicy;
import cn.keywork.supervision.inquiry.domain.InquiryReader;
import cn.keywork.supervision.inquiry.domain.InquiryRow;
import cn.keywork.supervision.inquiry.repository.InquiryRepository;
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
 * Inquiries 质询 (R14): an evaluator on a subject's panel puts a question to the lead or a
 * cooperating unit during the round's INQUIRY phase; the unit answers once by the due time; the
 * evaluator judges the answer once. Inquiries another evaluator or unit may not see are absent
 * (404). Every step is audited and appended as a domain event naming the addressed unit.
 */
@ApplicationScoped
public class InquiryService {

    static final String OBJECT_TYPE = "EvaluationInquiry";
    /** Roles that see every inquiry of a round. */
    private static final List<Role> SEE_ALL = List.of(Role.ADMIN, Role.OFFICE, Role.ASSESSMENT, Role.LEADER, Role.AUDITOR);

    private final InquiryRepository inquiries;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;
    private final Duration answerTime;

    InquiryService(InquiryRepository inquiries, AuditTrail audit, DomainEventLog events, Clock clock,
            SupervisionConfig config) {
        this.inquiries = inquiries;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.answerTime = Duration.ofDays(config.inquiries().answerDays());
    }

    /** The time inquiries' statuses are told at. */
    public Instant now() {
        return clock.instant();
    }

    @WithSession
    public Uni<Page<InquiryRow>> list(UUID roundId, InquiryFilter filter, PageRequest page) {
        Instant now = clock.instant();
        return round(roundId, false).chain(round -> reader()).chain(reader -> inquiries
                .list(roundId, filter, reader, now, page.size(), page.offset())
                .chain(rows -> inquiries.count(roundId, filter, reader, now).map(total -> new Page<>(rows, page, total))));
    }

    @WithSession
    public Uni<InquiryRow> get(UUID roundId, UUID inquiryId) {
        return round(roundId, false).chain(round -> reader()).chain(reader -> visible(roundId, inquiryId, reader));
    }

    /** Puts the evaluator's question to the subject's lead unit, or to the cooperating unit named. */
    @WithTransaction
    public Uni<InquiryRow> ask(UUID roundId, UUID taskId, UUID unitId, String question, boolean isPublic) {
        Actor actor = RequestScope.actor();
        return round(roundId, true).chain(round -> evaluator(actor).chain(evaluator -> inquiries
                .subjectOnPanel(roundId, taskId, evaluator.id())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.INQUIRY_SUBJECT_NOT_FOUND, taskId))
                .chain(subject -> {
                    RoundPolicy.requirePhase(round.status(), RoundStatus.INQUIRY);
                    UUID addressee = subject.addressee(unitId);
                    Instant now = clock.instant();
                    InquiryRow row = new InquiryRow(UUID.randomUUID(), roundId, round.period(), taskId, subject.code(),
                            addressee, evaluator.id(), evaluator.kind(), question, isPublic, now, now.plus(answerTime), null,
                            null, null, null, null, 1);
                    Map<String, Object> snapshot = new LinkedHashMap<>();
                    snapshot.put("taskId", taskId.toString());
                    snapshot.put("unitId", addressee.toString());
                    snapshot.put("question", question);
                    snapshot.put("public", isPublic);
                    snapshot.put("answerDue", row.answerDue().toString());
                    return inquiries.insert(row)
                            .call(() -> audit.record(AuditEntry.success("INQUIRY_ASKED", OBJECT_TYPE, row.id(),
                                    AuditChanges.created(snapshot))))
                            .call(() -> events.append(event(EventTypes.EVALUATION_INQUIRY_ASKED, row,
                                    Map.of("answerDue", row.answerDue().toString()))))
                            .replaceWith(row);
                })));
    }

    /** The addressed unit's answer, once. */
    @WithTransaction
    public Uni<InquiryRow> answer(UUID roundId, UUID inquiryId, String answer) {
        Actor actor = RequestScope.actor();
        InquiryReader reader = InquiryReader.unit(actor.unitScope().orElse(new UUID(0, 0)));
        return round(roundId, false).chain(round -> visible(roundId, inquiryId, reader)).chain(row -> {
            InquiryPolicy.requireMayAnswer(row);
            Instant now = clock.instant();
            return inquiries.answer(inquiryId, answer, actor.userId(), now)
                    .chain(stored -> stored ? Uni.createFrom().voidItem() : raced(roundId, inquiryId, reader, true))
                    .call(() -> audit.record(AuditEntry.success("INQUIRY_ANSWERED", OBJECT_TYPE, inquiryId,
                            AuditChanges.between(Map.of(), Map.of("answer", answer)))))
                    .call(() -> events.append(event(EventTypes.EVALUATION_INQUIRY_ANSWERED, row,
                            Map.of("late", row.overdueAt() != null || row.answerDue().isBefore(now)))))
                    .chain(() -> visible(roundId, inquiryId, reader));
        });
    }

    /** The asking evaluator's verdict on the answer, once. */
    @WithTransaction
    public Uni<InquiryRow> judge(UUID roundId, UUID inquiryId, boolean satisfactory) {
        Actor actor = RequestScope.actor();
        return round(roundId, false).chain(round -> evaluator(actor)).chain(evaluator -> {
            InquiryReader reader = InquiryReader.evaluator(evaluator.id());
            return visible(roundId, inquiryId, reader).chain(row -> {
                InquiryPolicy.requireMayJudge(row);
                return inquiries.judge(inquiryId, satisfactory, clock.instant())
                        .chain(stored -> stored ? Uni.createFrom().voidItem() : raced(roundId, inquiryId, reader, false))
                        .call(() -> audit.record(AuditEntry.success("INQUIRY_JUDGED", OBJECT_TYPE, inquiryId,
                                AuditChanges.between(Map.of(), Map.of("satisfactory", satisfactory)))))
                        .call(() -> events.append(event(EventTypes.EVALUATION_INQUIRY_JUDGED, row,
                                Map.of("satisfactory", satisfactory))))
                        .chain(() -> visible(roundId, inquiryId, reader));
            });
        });
    }

    /** Another request moved the inquiry between our read and our write: refuse as the policy would now. */
    private Uni<Void> raced(UUID roundId, UUID inquiryId, InquiryReader reader, boolean answering) {
        return visible(roundId, inquiryId, reader).invoke(row -> {
            if (answering) {
                InquiryPolicy.requireMayAnswer(row);
            } else {
                InquiryPolicy.requireMayJudge(row);
            }
        }).replaceWithVoid();
    }

    private Uni<InquiryRepository.Round> round(UUID roundId, boolean lock) {
        return inquiries.round(roundId, lock).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.ROUND_NOT_FOUND, roundId));
    }

    private Uni<InquiryRepository.EvaluatorRef> evaluator(Actor actor) {
        return inquiries.evaluatorOf(actor.userId()).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.EVALUATOR_NOT_FOUND, actor.username()));
    }

    private Uni<InquiryRow> visible(UUID roundId, UUID inquiryId, InquiryReader reader) {
        return inquiries.find(roundId, inquiryId, reader).onItem().ifNull()
                .failWith(() -> new NotFound(DomainMessage.INQUIRY_NOT_FOUND, inquiryId));
    }

    /** Whose inquiries the caller sees. */
    private Uni<InquiryReader> reader() {
        Actor actor = RequestScope.actor();
        if (actor.isSystem() || SEE_ALL.stream().anyMatch(actor::has)) {
            return Uni.createFrom().item(InquiryReader.ALL);
        }
        if (actor.has(Role.EVALUATOR)) {
            return inquiries.evaluatorOf(actor.userId())
                    .map(evaluator -> InquiryReader.evaluator(evaluator == null ? new UUID(0, 0) : evaluator.id()));
        }
        return Uni.createFrom().item(InquiryReader.unit(actor.unitScope().orElse(new UUID(0, 0))));
    }

    private static DomainEvent event(String type, InquiryRow row, Map<String, Object> extra) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("roundId", row.roundId().toString());
        payload.put("taskId", row.taskId().toString());
        if (row.code() != null) {
            payload.put("code", row.code());
        }
        payload.putAll(extra);
        return DomainEvent.of(type, OBJECT_TYPE, row.id(), List.of(row.unitId()), row.period(), payload);
    }
}
