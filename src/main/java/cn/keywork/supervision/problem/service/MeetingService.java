package cn.keywork.supervision.problem.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.event.DomainEvent;
import cn.keywork.supervision.event.DomainEventLog;
import cn.keywork.supervision.event.EventTypes;
import cn.keywork.supervision.problem.domain.MeetingDecision;
import cn.keywork.supervision.problem.domain.MeetingDraft;
import cn.keywork.supervision.problem.domain.MeetingPolicy;
import cn.keywork.supervision.problem.domain.MeetingRow;
import cn.keywork.supervision.problem.domain.MeetingView;
import cn.keywork.supervision.problem.domain.ProblemTask;
import cn.keywork.supervision.problem.repository.MeetingRepository;
import cn.keywork.supervision.problem.repository.ProblemRepository;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Joint meetings 联席会议 of a task (R10): recorded by the lead unit or the office; a decision may
 * open a problem in the same transaction, or ask the office for an assignment slip (recorded only).
 */
@ApplicationScoped
public class MeetingService {

    static final String OBJECT_TYPE = "JointMeeting";

    private final MeetingRepository meetings;
    private final ProblemRepository tasks;
    private final ProblemService problems;
    private final AuditTrail audit;
    private final DomainEventLog events;
    private final Clock clock;

    MeetingService(MeetingRepository meetings, ProblemRepository tasks, ProblemService problems, AuditTrail audit,
            DomainEventLog events, Clock clock) {
        this.meetings = meetings;
        this.tasks = tasks;
        this.problems = problems;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<MeetingView>> list(UUID taskId) {
        return visibleTask(taskId).chain(task -> meetings.list(taskId))
                .chain(rows -> meetings.decisions(rows.stream().map(MeetingRow::id).toList())
                        .map(decisions -> rows.stream()
                                .map(row -> new MeetingView(row, decisions.getOrDefault(row.id(), List.of()))).toList()));
    }

    @WithSession
    public Uni<MeetingView> get(UUID taskId, UUID meetingId) {
        return visibleTask(taskId).chain(task -> existing(taskId, meetingId, false)).chain(this::view);
    }

    @WithTransaction
    public Uni<MeetingView> create(UUID taskId, MeetingDraft draft) {
        Actor actor = RequestScope.actor();
        return visibleTask(taskId).chain(task -> {
            MeetingPolicy.requireMayRecord(task, actor);
            MeetingPolicy.requireValid(draft, problems.today());
            return check(draft).chain(() -> {
                Instant now = clock.instant();
                boolean office = cn.keywork.supervision.problem.domain.ProblemPolicy.isOffice(actor);
                MeetingRow row = new MeetingRow(UUID.randomUUID(), taskId, draft.heldOn(), office,
                        office ? null : actor.unitId(), draft.participantUnitIds(), draft.minutes(), 1, now, now);
                return meetings.insert(row, actor.userId())
                        .chain(() -> open(task, draft.decisions(), actor))
                        .call(decisions -> meetings.replaceDecisions(row.id(), decisions))
                        .call(decisions -> audit.record(AuditEntry.success("MEETING_HELD", OBJECT_TYPE, row.id(),
                                AuditChanges.created(snapshot(row, decisions)))))
                        .call(decisions -> events.append(held(task, row, decisions)))
                        .map(decisions -> new MeetingView(row, decisions));
            });
        });
    }

    @WithTransaction
    public Uni<MeetingView> update(UUID taskId, UUID meetingId, long expectedVersion, MeetingDraft draft) {
        Actor actor = RequestScope.actor();
        return visibleTask(taskId).chain(task -> existing(taskId, meetingId, true).chain(row -> {
            MeetingPolicy.requireMayRecord(task, actor);
            ETags.check(expectedVersion, row.version(), "meeting");
            MeetingPolicy.requireValid(draft, problems.today());
            return meetings.decisions(List.of(row.id())).chain(stored -> {
                List<MeetingDecision> before = stored.getOrDefault(row.id(), List.of());
                List<MeetingDecision> corrected = MeetingPolicy.corrected(before, draft.decisions());
                MeetingDraft checked = new MeetingDraft(draft.heldOn(), draft.participantUnitIds(), draft.minutes(),
                        corrected.stream().filter(d -> d.problemId() == null).toList());
                MeetingRow changed = new MeetingRow(row.id(), taskId, draft.heldOn(), row.convenedByOffice(),
                        row.convenedByUnitId(), draft.participantUnitIds(), draft.minutes(), row.version() + 1,
                        row.createdAt(), clock.instant());
                return check(checked).chain(() -> open(task, corrected, actor))
                        .call(() -> meetings.update(changed))
                        .call(decisions -> meetings.replaceDecisions(row.id(), decisions))
                        .call(decisions -> audit.record(AuditEntry.success("MEETING_UPDATED", OBJECT_TYPE, row.id(),
                                AuditChanges.between(snapshot(row, before), snapshot(changed, decisions)))))
                        .map(decisions -> new MeetingView(changed, decisions));
            });
        }));
    }

    /** Participants and new problems' units exist; new problems' deadlines lie ahead. */
    private Uni<Void> check(MeetingDraft draft) {
        LinkedHashSet<UUID> assigned = new LinkedHashSet<>();
        for (MeetingDecision decision : draft.decisions()) {
            if (decision.openProblem() && decision.problemId() == null) {
                problems.requireFuture(decision.deadline());
                assigned.addAll(decision.assignedUnitIds());
            }
        }
        return problems.requireUnits("participantUnitIds", draft.participantUnitIds())
                .chain(() -> problems.requireUnits("decisions.assignedUnitIds", List.copyOf(assigned)));
    }

    /** Opens, one after the other on the one session, the problems of decisions that have none yet. */
    private Uni<List<MeetingDecision>> open(ProblemTask task, List<MeetingDecision> decisions, Actor actor) {
        List<MeetingDecision> result = new ArrayList<>(decisions);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < decisions.size(); i++) {
            int at = i;
            MeetingDecision decision = decisions.get(i);
            if (decision.openProblem() && decision.problemId() == null) {
                chain = chain.chain(() -> problems.openFromMeeting(task, decision.text(), decision.assignedUnitIds(),
                        decision.deadline(), actor).invoke(id -> result.set(at, decision.withProblem(id))).replaceWithVoid());
            }
        }
        return chain.map(ignored -> result);
    }

    private static DomainEvent held(ProblemTask task, MeetingRow row, List<MeetingDecision> decisions) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("taskId", task.id().toString());
        payload.put("code", task.code());
        payload.put("heldOn", row.heldOn().toString());
        payload.put("convenedByOffice", row.convenedByOffice());
        if (row.convenedByUnitId() != null) {
            payload.put("convenedByUnitId", row.convenedByUnitId().toString());
        }
        payload.put("participantUnitIds", row.participantUnitIds().stream().map(UUID::toString).toList());
        payload.put("decisions", decisions.size());
        payload.put("problemIds", decisions.stream().filter(d -> d.problemId() != null)
                .map(d -> d.problemId().toString()).toList());
        payload.put("assignmentSlipRequests", decisions.stream().filter(MeetingDecision::requestAssignmentSlip)
                .map(MeetingDecision::number).toList());
        List<UUID> units = new ArrayList<>(task.unitIds());
        units.addAll(row.participantUnitIds());
        return DomainEvent.of(EventTypes.MEETING_HELD, OBJECT_TYPE, row.id(), units, null, payload);
    }

    private Uni<ProblemTask> visibleTask(UUID taskId) {
        return tasks.task(taskId, RequestScope.actor().unitScope())
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.TASK_NOT_FOUND, taskId));
    }

    private Uni<MeetingRow> existing(UUID taskId, UUID meetingId, boolean lock) {
        return meetings.find(taskId, meetingId, lock)
                .onItem().ifNull().failWith(() -> new NotFound(DomainMessage.MEETING_NOT_FOUND, meetingId));
    }

    private Uni<MeetingView> view(MeetingRow row) {
        return meetings.decisions(List.of(row.id()))
                .map(decisions -> new MeetingView(row, decisions.getOrDefault(row.id(), List.of())));
    }

    private static Map<String, Object> snapshot(MeetingRow row, List<MeetingDecision> decisions) {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("heldOn", row.heldOn().toString());
        snapshot.put("participantUnitIds", row.participantUnitIds().stream().map(UUID::toString).toList());
        snapshot.put("minutes", row.minutes());
        for (MeetingDecision decision : decisions) {
            snapshot.put("decision " + decision.number(), decision.text()
                    + (decision.problemId() == null ? "" : " (problem " + decision.problemId() + ")")
                    + (decision.requestAssignmentSlip() ? " (assignment slip requested)" : ""));
        }
        return snapshot;
    }
}
