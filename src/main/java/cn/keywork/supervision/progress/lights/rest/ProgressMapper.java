package cn.keywork.supervision.progress.lights.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.DashboardDto;
import cn.keywork.supervision.api.model.LedgerDto;
import cn.keywork.supervision.api.model.LedgerLinksDto;
import cn.keywork.supervision.api.model.LedgerRowDto;
import cn.keywork.supervision.api.model.LedgerStateDto;
import cn.keywork.supervision.api.model.LedgerStatusDto;
import cn.keywork.supervision.api.model.LedgerVersionDto;
import cn.keywork.supervision.api.model.LightCountDto;
import cn.keywork.supervision.api.model.LightDto;
import cn.keywork.supervision.api.model.ProgressHistoryDto;
import cn.keywork.supervision.api.model.ProgressMonthDto;
import cn.keywork.supervision.api.model.SubItemFigureDto;
import cn.keywork.supervision.api.model.TaskCategoryDto;
import cn.keywork.supervision.api.model.TaskFigureDto;
import cn.keywork.supervision.api.model.UnitLightsDto;
import cn.keywork.supervision.progress.lights.domain.Dashboard;
import cn.keywork.supervision.progress.lights.domain.LedgerPage;
import cn.keywork.supervision.progress.lights.domain.LedgerRow;
import cn.keywork.supervision.progress.lights.domain.LedgerState;
import cn.keywork.supervision.progress.lights.domain.LedgerStatus;
import cn.keywork.supervision.progress.lights.domain.LedgerVersion;
import cn.keywork.supervision.progress.lights.domain.Light;
import cn.keywork.supervision.progress.lights.domain.ProgressHistory;
import cn.keywork.supervision.progress.lights.domain.ProgressMonth;

/** Maps figures, dashboards and ledgers to the contract's models. */
@ApplicationScoped
class ProgressMapper {

    private static final String TASKS = "/api/v1/tasks/";

    private final Clock clock;

    ProgressMapper(Clock clock) {
        this.clock = clock;
    }

    ProgressHistoryDto dto(ProgressHistory history) {
        return new ProgressHistoryDto().taskId(history.taskId()).code(history.code())
                .months(history.months().stream().map(this::dto).toList());
    }

    private ProgressMonthDto dto(ProgressMonth month) {
        return new ProgressMonthDto().period(month.period()).planned(month.planned()).actual(month.actual()).lag(month.lag())
                .light(light(month.light())).reportId(month.reportId()).reportStatus(month.reportStatus())
                .subItems(month.subItems().stream().map(s -> new SubItemFigureDto().subItemId(s.subItemId()).planned(s.planned())
                        .actual(s.actual()).lag(s.lag())).toList());
    }

    DashboardDto dto(Dashboard dashboard) {
        return new DashboardDto().period(dashboard.period()).status(status(dashboard.status())).total(dashboard.total())
                .byLightAndCategory(dashboard.byLightAndCategory().stream().map(c -> new LightCountDto().light(light(c.light()))
                        .category(TaskCategoryDto.fromValue(c.category())).count(c.count())).toList())
                .byUnit(dashboard.byUnit().stream().map(u -> new UnitLightsDto().unitId(u.unitId()).unitName(u.unitName())
                        .green(u.green()).yellow(u.yellow()).red(u.red()).completed(u.completed()).notReported(u.notReported())
                        .total(u.total())).toList())
                .mostLagging(dashboard.mostLagging().stream().map(this::dto).toList())
                .missingReports(dashboard.missingReports().stream().map(this::dto).toList());
    }

    private TaskFigureDto dto(Dashboard.TaskFigure f) {
        return new TaskFigureDto().taskId(f.taskId()).code(f.code()).title(f.title()).category(TaskCategoryDto.fromValue(f.category()))
                .leadUnitId(f.leadUnitId()).leadUnitName(f.leadUnitName()).planned(f.planned()).actual(f.actual()).lag(f.lag())
                .light(light(f.light())).reportStatus(f.reportStatus());
    }

    LedgerDto dto(LedgerPage page) {
        LedgerState state = page.state();
        LedgerDto dto = new LedgerDto().period(page.period()).status(state == null ? LedgerStatusDto.OPEN : status(state.status()))
                .version(page.version()).items(page.rows().stream().map(this::dto).toList()).page(page.page()).size(page.size())
                .total(page.total());
        if (state != null) {
            dto.latestVersion(state.latestVersion()).publishedVersion(state.publishedVersion()).closedAt(time(state.closedAt()))
                    .publishedAt(time(state.publishedAt()));
        }
        return dto;
    }

    private LedgerRowDto dto(LedgerRow row) {
        String base = TASKS + row.taskId();
        return new LedgerRowDto().period(row.period()).version(row.version()).taskId(row.taskId()).code(row.code()).title(row.title())
                .category(TaskCategoryDto.fromValue(row.category())).leadUnitId(row.leadUnitId()).leadUnitName(row.leadUnitName())
                .cooperatingUnitNames(row.cooperatingUnitNames()).leaderName(row.leaderName()).deadline(row.deadline())
                .planned(row.planned()).actual(row.actual()).lag(row.lag()).light(light(row.light())).reportId(row.reportId())
                .reportStatus(row.reportStatus()).summary(row.summary()).problems(row.problems()).photoCount(row.photoCount())
                .links(new LedgerLinksDto().task(base).progressHistory(base + "/progress-history")
                        .report(row.reportId() == null ? null : base + "/reports/" + row.period()));
    }

    LedgerStateDto dto(LedgerState state) {
        return new LedgerStateDto().period(state.period()).status(status(state.status())).latestVersion(state.latestVersion())
                .publishedVersion(state.publishedVersion()).closedAt(time(state.closedAt())).publishedAt(time(state.publishedAt()))
                .rowCount(state.rowCount());
    }

    LedgerVersionDto dto(LedgerVersion version) {
        return new LedgerVersionDto().period(version.period()).number(version.number()).reason(version.reason())
                .rowCount(version.rowCount()).createdAt(time(version.createdAt())).published(version.published());
    }

    private static LightDto light(Light light) {
        return LightDto.fromValue(light.name());
    }

    private static LedgerStatusDto status(LedgerStatus status) {
        return LedgerStatusDto.fromValue(status.name());
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
