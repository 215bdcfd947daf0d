package cn.keywork.supervision.evaluation.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.audit.AuditChanges;
import cn.keywork.supervision.audit.AuditEntry;
import cn.keywork.supervision.audit.AuditTrail;
import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.NotFound;
import cn.keywork.supervision.domain.NotPermitted;
import cn.keywork.supervision.domain.RuleViolation;
import cn.keywork.supervision.evaluation.domain.Hearing;
import cn.keywork.supervision.evaluation.domain.OpenReport;
import cn.keywork.supervision.evaluation.domain.Panel;
import cn.keywork.supervision.evaluation.domain.PanelCandidate;
import cn.keywork.supervision.evaluation.domain.RoundPolicy;
import cn.keywork.supervision.evaluation.domain.RoundRules;
import cn.keywork.supervision.evaluation.domain.RoundScope;
import cn.keywork.supervision.evaluation.domain.RoundStatus;
import cn.keywork.supervision.evaluation.domain.SubjectParties;
import cn.keywork.supervision.evaluation.repository.MaterialRepository;
import cn.keywork.supervision.evaluation.repository.PanelRepository;
import cn.keywork.supervision.evaluation.repository.RoundRepository;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.security.Actor;
import cn.keywork.supervision.security.RequestScope;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * What a round is made of besides its phases (R14): the panels of its subjects (never an evaluator
 * affiliated with a subject's lead or cooperating unit), the proposals for them, the units' open
 * reports and the hearings 汇报会.
 */
@ApplicationScoped
public class RoundMaterial {

    private final RoundService roundService;
    private final RoundRepository rounds;
    private final PanelRepository panels;
    private final MaterialRepository material;
    private final AuditTrail audit;
    private final Clock clock;

    RoundMaterial(RoundService roundService, RoundRepository rounds, PanelRepository panels, MaterialRepository material,
            AuditTrail audit, Clock clock, SupervisionConfig config) {
        this.roundService = roundService;
        this.rounds = rounds;
        this.panels = panels;
        this.material = material;
        this.audit = audit;
        this.clock = clock;
    }

    /** The panels of the subjects the actor sees, every such subject listed (an empty panel too). */
    @WithSession
    public Uni<List<Panel>> panels(UUID roundId) {
        RoundScope scope = RoundScope.of(RequestScope.actor());
        return roundService.visible(roundId, false)
                .chain(round -> rounds.parties(roundId, scope))
                .chain(subjects -> panels.members(roundId, scope).map(members -> subjects.stream()
                        .map(subject -> new Panel(subject.taskId(), members.getOrDefault(subject.taskId(), List.of())))
                        .toList()));
    }

    /** Replaces a subject's panel, until scoring opens; 409 naming an evaluator in conflict of interest. */
    @WithTransaction
    public Uni<Panel> replacePanel(UUID roundId, Panel panel) {
        Actor actor = RequestScope.actor();
        LocalDate today = LocalDate.now(clock);
        return roundService.visible(roundId, true).chain(round -> {
            RoundRules.requirePanelsOpen(round.status());
            return subject(roundId, panel.taskId()).chain(subject -> panels.candidates(panel.evaluatorIds())
                    .chain(found -> {
                        Map<UUID, PanelCandidate> byId = new LinkedHashMap<>();
                        found.forEach(candidate -> byId.put(candidate.id(), candidate));
                        for (UUID id : panel.evaluatorIds()) {
                            PanelCandidate candidate = byId.get(id);
                            if (candidate == null) {
                                throw InvalidInput.of("evaluatorIds", InvalidInput.Reason.NOT_FOUND,
                                        DomainMessage.EVALUATOR_NOT_FOUND, id);
                            }
                            if (subject.answeredBy(candidate.affiliationUnitId())) {
                                throw new RuleViolation(DomainMessage.PANEL_CONFLICT_OF_INTEREST, candidate.name(),
                                        candidate.id(), candidate.affiliationUnitName());
                            }
                            if (!candidate.available(today)) {
                                throw new RuleViolation(DomainMessage.PANEL_EVALUATOR_UNAVAILABLE, candidate.name(),
                                        candidate.id());
                            }
                        }
                        return panels.members(roundId, RoundScope.ALL).chain(before -> panels
                                .replace(roundId, panel.taskId(), panel.evaluatorIds(), actor.userId(), clock.instant())
                                .call(() -> audit.record(AuditEntry.success("PANEL_SET", RoundService.OBJECT_TYPE,
                                        roundId + "/" + panel.taskId(), AuditChanges.between(
                                                Map.of("evaluatorIds", joined(before.getOrDefault(panel.taskId(), List.of()))),
                                                Map.of("evaluatorIds", joined(panel.evaluatorIds()))))))
                                .map(nothing -> panel));
                    }));
        });
    }

    /** For every subject, up to the round's minimum panel of evaluators free of conflict; nothing saved. */
    @WithSession
    public Uni<List<Panel>> proposals(UUID roundId) {
        return roundService.visible(roundId, false).chain(round -> rounds.parties(roundId, RoundScope.ALL)
                .chain(subjects -> panels.proposals(roundId, LocalDate.now(clock), round.minPanel())
                        .map(proposed -> subjects.stream().map(subject -> new Panel(subject.taskId(),
                                proposed.getOrDefault(subject.taskId(), List.of()))).toList())));
    }

    @WithSession
    public Uni<List<OpenReport>> reports(UUID roundId) {
        RoundScope scope = RoundScope.of(RequestScope.actor());
        return roundService.visible(roundId, false).chain(round -> material.reports(roundId, scope));
    }

    /** The actor's unit submits (or replaces) its open report on a subject it answers for, during REPORTING. */
    @WithTransaction
    public Uni<OpenReport> submitReport(UUID roundId, UUID taskId, String text, List<UUID> attachmentIds) {
        Actor actor = RequestScope.actor();
        return roundService.visible(roundId, false).chain(round -> subject(roundId, taskId).chain(subject -> {
            if (!subject.answeredBy(actor.unitId())) {
                throw new NotPermitted(DomainMessage.REPORT_NOT_OUR_SUBJECT);
            }
            RoundPolicy.requirePhase(round.status(), RoundStatus.REPORTING);
            return material.attachmentsOf(taskId, attachmentIds).chain(found -> {
                for (UUID id : attachmentIds) {
                    if (!found.contains(id)) {
                        throw InvalidInput.of("attachmentIds", InvalidInput.Reason.NOT_FOUND,
                                DomainMessage.REPORT_ATTACHMENT_FOREIGN, id);
                    }
                }
                OpenReport report = new OpenReport(taskId, actor.unitId(), text, attachmentIds, clock.instant());
                Map<String, Object> snapshot = new LinkedHashMap<>();
                snapshot.put("taskId", taskId.toString());
                snapshot.put("unitId", actor.unitId().toString());
                snapshot.put("text", text);
                snapshot.put("attachmentIds", joined(attachmentIds));
                return material.saveReport(roundId, report, actor.userId())
                        .call(() -> audit.record(AuditEntry.success("OPEN_REPORT_SUBMITTED", RoundService.OBJECT_TYPE,
                                roundId + "/" + taskId, AuditChanges.created(snapshot))))
                        .map(nothing -> report);
            });
        }));
    }

    @WithSession
    public Uni<List<Hearing>> hearings(UUID roundId) {
        return roundService.visible(roundId, false).chain(round -> material.hearings(roundId));
    }

    /** Records a hearing of the round, not once it closed; its subjects must be the round's. */
    @WithTransaction
    public Uni<Hearing> recordHearing(UUID roundId, Hearing draft) {
        Actor actor = RequestScope.actor();
        return roundService.visible(roundId, false).chain(round -> {
            if (round.status() == RoundStatus.CLOSED || round.status() == RoundStatus.PUBLISHED) {
                throw new RuleViolation(DomainMessage.ROUND_CLOSED, round.status().name());
            }
            return rounds.subjects(List.of(roundId)).chain(subjects -> {
                List<UUID> of = subjects.getOrDefault(roundId, List.of());
                for (UUID taskId : draft.taskIds()) {
                    if (!of.contains(taskId)) {
                        throw InvalidInput.of("taskIds", InvalidInput.Reason.NOT_FOUND,
                                DomainMessage.ROUND_SUBJECT_NOT_FOUND, taskId);
                    }
                }
                Hearing hearing = new Hearing(UUID.randomUUID(), draft.heldAt(), draft.place(), draft.participants(),
                        draft.notes(), draft.taskIds(), clock.instant());
                Map<String, Object> snapshot = new LinkedHashMap<>();
                snapshot.put("heldAt", hearing.heldAt().toString());
                snapshot.put("place", hearing.place());
                snapshot.put("participants", hearing.participants());
                snapshot.put("notes", hearing.notes());
                snapshot.put("taskIds", joined(hearing.taskIds()));
                return material.insertHearing(roundId, hearing, actor.userId())
                        .call(() -> audit.record(AuditEntry.success("HEARING_RECORDED", RoundService.OBJECT_TYPE,
                                roundId + "/hearings/" + hearing.id(), AuditChanges.created(snapshot))))
                        .map(nothing -> hearing);
            });
        });
    }

    /** The subject of the round (404 when the task is none of its subjects). */
    private Uni<SubjectParties> subject(UUID roundId, UUID taskId) {
        return rounds.parties(roundId, RoundScope.ALL).map(subjects -> subjects.stream()
                .filter(subject -> subject.taskId().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFound(DomainMessage.ROUND_SUBJECT_NOT_FOUND, taskId)));
    }

    private static String joined(List<UUID> ids) {
        return String.join(",", new ArrayList<>(ids.stream().map(UUID::toString).toList()));
    }
}
