package cn.keywork.supervision.task.rest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.model.AdjustmentDto;
import cn.keywork.supervision.api.model.AdjustmentInputDto;
import cn.keywork.supervision.api.model.AdjustmentProposalDto;
import cn.keywork.supervision.api.model.AdjustmentStatusDto;
import cn.keywork.supervision.api.model.CooperationDto;
import cn.keywork.supervision.api.model.TaskVersionDto;
import cn.keywork.supervision.api.model.KeyTaskDto;
import cn.keywork.supervision.api.model.KeyTaskInputDto;
import cn.keywork.supervision.api.model.KeyTaskPageDto;
import cn.keywork.supervision.api.model.KeyTaskSummaryDto;
import cn.keywork.supervision.api.model.PlanPointDto;
import cn.keywork.supervision.api.model.ResponsiblePersonDto;
import cn.keywork.supervision.api.model.ScheduleEntryDto;
import cn.keywork.supervision.api.model.SubItemDto;
import cn.keywork.supervision.api.model.SubItemInputDto;
import cn.keywork.supervision.api.model.SubItemPlanDto;
import cn.keywork.supervision.api.model.TaskPlanDto;
import cn.keywork.supervision.api.model.TaskSnapshotDto;
import cn.keywork.supervision.api.model.TaskCategoryDto;
import cn.keywork.supervision.api.model.TaskSiteDto;
import cn.keywork.supervision.api.model.TaskStatusDto;
import cn.keywork.supervision.task.domain.AdjustmentProposal;
import cn.keywork.supervision.task.domain.AdjustmentView;
import cn.keywork.supervision.task.domain.Schedule;
import cn.keywork.supervision.task.domain.TaskVersionView;
import cn.keywork.supervision.task.domain.SubItemDetails;
import cn.keywork.supervision.task.domain.SubItemView;
import cn.keywork.supervision.task.domain.TaskCategory;
import cn.keywork.supervision.task.domain.TaskPlan;
import cn.keywork.supervision.task.domain.TaskSite;
import cn.keywork.supervision.task.domain.TaskDetails;
import cn.keywork.supervision.task.domain.TaskSummary;
import cn.keywork.supervision.task.domain.TaskView;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.WebMessage;

/** Maps key tasks between the contract's models and the domain. */
@ApplicationScoped
class TaskMapper {

    private final Clock clock;
    private final ObjectMapper json;

    TaskMapper(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    TaskDetails details(KeyTaskInputDto input) {
        List<TaskDetails.Cooperation> cooperations = input.getCooperatingUnits() == null ? List.of()
                : input.getCooperatingUnits().stream()
                        .map(c -> new TaskDetails.Cooperation(c.getUnitId(), c.getResponsibility())).toList();
        ResponsiblePersonDto person = input.getResponsiblePerson();
        return new TaskDetails(input.getYear(), TaskCategory.valueOf(input.getCategory().toString()), input.getTitle(),
                input.getTarget(), input.getContent(), input.getDeadline(), input.getLeadUnitId(), cooperations,
                input.getUnitHead(), input.getLeaderInChargeId(), input.getResponsibleDivision(),
                person == null ? null : person.getName(), person == null ? null : person.getMobile(),
                input.getDocumentNumber(), site(input.getSite()));
    }

    /** A site as sent; its coordinates keep six decimals, the column's, and more are refused. */
    TaskSite site(TaskSiteDto input) {
        if (input == null) {
            return null;
        }
        requireDecimals(input.getLatitude(), 6, "site.latitude");
        requireDecimals(input.getLongitude(), 6, "site.longitude");
        return new TaskSite(input.getLatitude(), input.getLongitude(), input.getRadiusMeters());
    }

    KeyTaskDto dto(TaskView view) {
        TaskDetails d = view.details();
        List<CooperationDto> cooperations = d.cooperations().stream()
                .map(c -> new CooperationDto(c.unitId(), c.responsibility())).toList();
        KeyTaskDto dto = new KeyTaskDto(view.id(), d.year(), TaskCategoryDto.fromValue(d.category().name()), d.title(),
                d.target(), d.content(), d.deadline(), d.leadUnitId(), cooperations,
                TaskStatusDto.fromValue(view.status().name()), view.version(), time(view.createdAt()),
                time(view.updatedAt()))
                .code(view.code())
                .unitHead(d.unitHead())
                .leaderInChargeId(d.leaderInChargeId())
                .responsibleDivision(d.responsibleDivision())
                .documentNumber(d.documentNumber())
                .statusNote(view.statusNote());
        if (d.site() != null) {
            dto.site(new TaskSiteDto(plain(d.site().latitude()), plain(d.site().longitude()), d.site().radiusMeters()));
        }
        if (d.responsiblePersonName() != null) {
            dto.responsiblePerson(new ResponsiblePersonDto(d.responsiblePersonName()).mobile(d.responsiblePersonMobile()));
        }
        return dto;
    }

    SubItemDetails details(SubItemInputDto input) {
        return details(input, "");
    }

    /** {@code at} prefixes field names in problems: "" for a sub-item, "subItems[2]." inside an adjustment. */
    private SubItemDetails details(SubItemInputDto input, String at) {
        List<ScheduleEntryDto> schedule = input.getSchedule();
        for (int i = 0; i < schedule.size(); i++) {
            requireDecimals(schedule.get(i).getPlannedPercent(), 2, at + "schedule[" + i + "].plannedPercent");
        }
        if (input.getWeight() != null) {
            requireDecimals(input.getWeight(), 3, at + "weight");
        }
        List<Schedule.Entry> entries = schedule.stream()
                .map(e -> new Schedule.Entry(YearMonth.parse(e.getMonth()), e.getPlannedPercent(), e.getMilestone()))
                .toList();
        return new SubItemDetails(input.getContent(), input.getResponsibleUnitId(), input.getResponsiblePerson(),
                input.getDeadline(), input.getWeight() == null ? BigDecimal.ONE : input.getWeight(), new Schedule(entries));
    }

    /** The columns keep this many decimals; more would be rounded away silently, so they are refused. */
    private static void requireDecimals(BigDecimal value, int places, String field) {
        if (value != null && value.stripTrailingZeros().scale() > places) {
            throw ApiProblem.invalid(field, FieldErrorCode.RANGE, WebMessage.DECIMAL_PLACES, places);
        }
    }

    SubItemDto dto(SubItemView view) {
        SubItemDetails d = view.details();
        List<ScheduleEntryDto> schedule = d.schedule().entries().stream()
                .map(e -> new ScheduleEntryDto(e.month().toString(), plain(e.plannedPercent()))
                        .milestone(e.milestone()))
                .toList();
        return new SubItemDto(view.id(), view.taskId(), d.content(), d.responsibleUnitId(), d.deadline(),
                plain(d.weight()), schedule, view.version())
                .responsiblePerson(d.responsiblePerson());
    }

    TaskPlanDto dto(TaskPlan plan) {
        return new TaskPlanDto(plan.taskId(), points(plan.months()), plan.subItems().stream()
                .map(curve -> new SubItemPlanDto(curve.subItemId(), plain(curve.weight()), points(curve.months())))
                .toList());
    }

    private static List<PlanPointDto> points(List<TaskPlan.Point> points) {
        return points.stream().map(p -> new PlanPointDto(p.month().toString(), plain(p.plannedPercent()))).toList();
    }

    /** 100.00 → 100, 12.50 → 12.5: numbers as a person writes them. */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    AdjustmentProposal proposal(AdjustmentInputDto input) {
        List<TaskDetails.Cooperation> cooperations = input.getCooperatingUnits() == null ? null
                : input.getCooperatingUnits().stream()
                        .map(c -> new TaskDetails.Cooperation(c.getUnitId(), c.getResponsibility())).toList();
        List<SubItemDetails> items = null;
        if (input.getSubItems() != null) {
            items = new java.util.ArrayList<>();
            for (int i = 0; i < input.getSubItems().size(); i++) {
                items.add(details(input.getSubItems().get(i), "subItems[" + i + "]."));
            }
        }
        return new AdjustmentProposal(input.getTarget(), input.getContent(), input.getDeadline(), cooperations, items);
    }

    AdjustmentDto dto(AdjustmentView view) {
        return new AdjustmentDto(view.id(), view.taskId(), AdjustmentStatusDto.fromValue(view.status().name()),
                view.reason(), stored(view.proposalJson(), AdjustmentProposalDto.class), view.requestedBy(), time(view.requestedAt()))
                .decidedBy(view.decidedBy())
                .decidedAt(view.decidedAt() == null ? null : time(view.decidedAt()))
                .decisionNote(view.decisionNote());
    }

    TaskVersionDto dto(TaskVersionView view) {
        return new TaskVersionDto(view.number(), time(view.recordedAt()), view.recordedBy(), view.reason(),
                stored(view.snapshotJson(), TaskSnapshotDto.class));
    }

    /** Stored JSON as the contract's model; a field the model does not describe is left out. */
    private <T> T stored(String json, Class<T> model) {
        try {
            return this.json.readerFor(model).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    KeyTaskSummaryDto summary(TaskView view) {
        TaskDetails d = view.details();
        return summary(new TaskSummary(view.id(), view.code(), d.year(), d.category(), d.title(), d.deadline(),
                d.leadUnitId(), d.leaderInChargeId(), view.status(), view.version(), view.createdAt(), view.updatedAt()));
    }

    KeyTaskPageDto page(Page<TaskSummary> page) {
        return new KeyTaskPageDto(page.map(this::summary), page.request().page(), page.request().size(), page.total());
    }

    private KeyTaskSummaryDto summary(TaskSummary task) {
        return new KeyTaskSummaryDto(task.id(), task.year(), TaskCategoryDto.fromValue(task.category().name()),
                task.title(), task.deadline(), task.leadUnitId(), TaskStatusDto.fromValue(task.status().name()),
                task.version(), time(task.createdAt()), time(task.updatedAt()))
                .code(task.code())
                .leaderInChargeId(task.leaderInChargeId());
    }

    private OffsetDateTime time(Instant instant) {
        return instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
