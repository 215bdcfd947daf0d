package cn.keywork.supervision.problem.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import cn.keywork.supervision.api.ProblemsApi;
import cn.keywork.supervision.api.model.CoordinationProblemInputDto;
import cn.keywork.supervision.api.model.JointMeetingDto;
import cn.keywork.supervision.api.model.JointMeetingInputDto;
import cn.keywork.supervision.api.model.JointMeetingListDto;
import cn.keywork.supervision.api.model.MeetingDecisionDto;
import cn.keywork.supervision.api.model.MeetingDecisionInputDto;
import cn.keywork.supervision.api.model.ProblemAnswerDto;
import cn.keywork.supervision.api.model.ProblemInputDto;
import cn.keywork.supervision.api.model.ProblemSourceDto;
import cn.keywork.supervision.api.model.ProblemStatusDto;
import cn.keywork.supervision.api.model.ProblemTransitionDto;
import cn.keywork.supervision.api.model.SupervisionProblemDto;
import cn.keywork.supervision.api.model.SupervisionProblemPageDto;
import cn.keywork.supervision.problem.domain.MeetingDecision;
import cn.keywork.supervision.problem.domain.MeetingDraft;
import cn.keywork.supervision.problem.domain.MeetingRow;
import cn.keywork.supervision.problem.domain.MeetingView;
import cn.keywork.supervision.problem.domain.NewProblem;
import cn.keywork.supervision.problem.domain.ProblemAction;
import cn.keywork.supervision.problem.domain.ProblemFilter;
import cn.keywork.supervision.problem.domain.ProblemMove;
import cn.keywork.supervision.problem.domain.ProblemRow;
import cn.keywork.supervision.problem.domain.ProblemStatus;
import cn.keywork.supervision.problem.domain.ProblemView;
import cn.keywork.supervision.problem.service.MeetingService;
import cn.keywork.supervision.problem.service.ProblemService;
import cn.keywork.supervision.security.RequestScope;
import cn.keywork.supervision.web.ETags;
import cn.keywork.supervision.web.Idempotency;
import cn.keywork.supervision.web.PageRequest;
import io.smallrye.mutiny.Uni;

/** Problems and joint meetings over HTTP: maps the contract to the services. */
public class ProblemResource implements ProblemsApi {

    private static final String PATH = "/api/v1/problems/";

    private final ProblemService problems;
    private final MeetingService meetings;
    private final Idempotency idempotency;
    private final Clock clock;

    ProblemResource(ProblemService problems, MeetingService meetings, Idempotency idempotency, Clock clock) {
        this.problems = problems;
        this.meetings = meetings;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    @Override
    public Uni<Response> listProblems(UUID unitId, ProblemStatusDto status, UUID taskId, Integer page, Integer size) {
        PageRequest request = PageRequest.of(page, size, null, java.util.Set.of("createdAt"), "-createdAt");
        ProblemFilter filter = new ProblemFilter(unitId, status == null ? null : ProblemStatus.valueOf(status.toString()),
                taskId);
        return problems.list(filter, request).map(found -> Response.ok(new SupervisionProblemPageDto()
                .items(found.map(this::dto)).page(request.page()).size(request.size()).total(found.total())).build());
    }

    @Override
    public Uni<Response> createProblem(ProblemInputDto input, String idempotencyKey) {
        NewProblem problem = new NewProblem(input.getTaskId(), input.getSubItemId(), input.getDescription(),
                input.getAssignedUnitIds() == null ? null : List.copyOf(input.getAssignedUnitIds()), input.getDeadline());
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createProblem", input,
                () -> problems.create(problem).map(view -> idempotency.answer(201, dto(view), PATH + view.row().id(),
                        ETags.of(view.row().version()))));
    }

    @Override
    public Uni<Response> getProblem(UUID problemId) {
        return problems.get(problemId).map(this::problem);
    }

    @Override
    public Uni<Response> transitionProblem(UUID problemId, String ifMatch, ProblemTransitionDto input) {
        long expected = ETags.required(ifMatch);
        ProblemMove move = new ProblemMove(ProblemAction.valueOf(input.getAction().toString()), input.getComment(),
                input.getAssignedUnitIds() == null ? null : List.copyOf(input.getAssignedUnitIds()), input.getDeadline());
        return problems.transition(problemId, expected, move).map(this::problem);
    }

    @Override
    public Uni<Response> raiseProblemFromCoordinationRequest(UUID taskId, String period, Integer index,
            CoordinationProblemInputDto input) {
        return problems.fromRequest(taskId, period, index, input == null ? null : input.getDeadline())
                .map(raised -> raised.created()
                        ? Response.status(201).entity(dto(raised.problem()))
                                .location(URI.create(PATH + raised.problem().row().id()))
                                .tag(Long.toString(raised.problem().row().version())).build()
                        : problem(raised.problem()));
    }

    @Override
    public Uni<Response> listTaskMeetings(UUID taskId) {
        return meetings.list(taskId)
                .map(found -> Response.ok(new JointMeetingListDto().items(found.stream().map(this::dto).toList())).build());
    }

    @Override
    public Uni<Response> createTaskMeeting(UUID taskId, JointMeetingInputDto input, String idempotencyKey) {
        MeetingDraft draft = draft(input);
        return idempotency.run(RequestScope.actor().username(), idempotencyKey, "createTaskMeeting", input,
                () -> meetings.create(taskId, draft).map(view -> idempotency.answer(201, dto(view),
                        "/api/v1/tasks/" + taskId + "/meetings/" + view.row().id(), ETags.of(view.row().version()))));
    }

    @Override
    public Uni<Response> getTaskMeeting(UUID taskId, UUID meetingId) {
        return meetings.get(taskId, meetingId).map(this::meeting);
    }

    @Override
    public Uni<Response> updateTaskMeeting(UUID taskId, UUID meetingId, String ifMatch, JointMeetingInputDto input) {
        long expected = ETags.required(ifMatch);
        return meetings.update(taskId, meetingId, expected, draft(input)).map(this::meeting);
    }

    private static MeetingDraft draft(JointMeetingInputDto input) {
        List<MeetingDecision> decisions = new ArrayList<>();
        List<MeetingDecisionInputDto> sent = input.getDecisions() == null ? List.of() : input.getDecisions();
        for (int i = 0; i < sent.size(); i++) {
            MeetingDecisionInputDto decision = sent.get(i);
            decisions.add(new MeetingDecision(i + 1, decision.getText(), Boolean.TRUE.equals(decision.getOpenProblem()),
                    decision.getAssignedUnitIds() == null ? null : List.copyOf(decision.getAssignedUnitIds()),
                    decision.getDeadline(), null, Boolean.TRUE.equals(decision.getRequestAssignmentSlip())));
        }
        return new MeetingDraft(input.getHeldOn(), List.copyOf(input.getParticipantUnitIds()), input.getMinutes(), decisions);
    }

    private Response meeting(MeetingView view) {
        return Response.ok(dto(view)).tag(Long.toString(view.row().version())).build();
    }

    private JointMeetingDto dto(MeetingView view) {
        MeetingRow row = view.row();
        return new JointMeetingDto().id(row.id()).taskId(row.taskId()).heldOn(row.heldOn())
                .convenedByOffice(row.convenedByOffice()).convenedByUnitId(row.convenedByUnitId())
                .participantUnitIds(row.participantUnitIds()).minutes(row.minutes())
                .decisions(view.decisions().stream().map(d -> new MeetingDecisionDto().number(d.number()).text(d.text())
                        .openProblem(d.openProblem()).assignedUnitIds(d.assignedUnitIds()).deadline(d.deadline())
                        .problemId(d.problemId()).requestAssignmentSlip(d.requestAssignmentSlip())).toList())
                .version(row.version()).createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    private Response problem(ProblemView view) {
        return Response.ok(dto(view)).tag(Long.toString(view.row().version())).build();
    }

    private SupervisionProblemDto dto(ProblemView view) {
        ProblemRow row = view.row();
        return new SupervisionProblemDto().id(row.id()).taskId(row.taskId()).subItemId(row.subItemId())
                .description(row.description()).raisedByOffice(row.raisedByOffice()).raisedByUnitId(row.raisedByUnitId())
                .source(ProblemSourceDto.fromValue(row.source().name())).sourcePeriod(row.sourcePeriod())
                .sourceIndex(row.sourceIndex()).assignedUnitIds(row.assignedUnitIds()).deadline(row.deadline())
                .status(ProblemStatusDto.fromValue(row.status().name())).statusComment(row.statusComment())
                .answers(view.answers().stream().map(answer -> new ProblemAnswerDto().number(answer.number())
                        .unitId(answer.unitId()).text(answer.text()).answeredAt(time(answer.answeredAt()))).toList())
                .version(row.version()).createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
