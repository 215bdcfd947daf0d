package cn.keywork.supervision.progress.rest;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.model.CoordinationRequestDto;
import cn.keywork.supervision.api.model.InboxStatusDto;
import cn.keywork.supervision.api.model.ProgressReportDto;
import cn.keywork.supervision.api.model.ProgressReportInputDto;
import cn.keywork.supervision.api.model.ProgressReportPageDto;
import cn.keywork.supervision.api.model.ProgressReportSummaryDto;
import cn.keywork.supervision.api.model.ReportInboxCountsDto;
import cn.keywork.supervision.api.model.ReportInboxPageDto;
import cn.keywork.supervision.api.model.ReportInboxRowDto;
import cn.keywork.supervision.api.model.ReportStatusDto;
import cn.keywork.supervision.api.model.ReportSubItemDto;
import cn.keywork.supervision.api.model.ReportSubItemInputDto;
import cn.keywork.supervision.api.model.ReportVersionContentDto;
import cn.keywork.supervision.api.model.ReportVersionDto;
import cn.keywork.supervision.progress.domain.InboxCounts;
import cn.keywork.supervision.progress.domain.InboxPage;
import cn.keywork.supervision.progress.domain.InboxRow;
import cn.keywork.supervision.progress.domain.ReportDraft;
import cn.keywork.supervision.progress.domain.ReportLine;
import cn.keywork.supervision.progress.domain.ReportRow;
import cn.keywork.supervision.progress.domain.ReportVersionView;
import cn.keywork.supervision.progress.domain.ReportView;
import cn.keywork.supervision.web.ApiProblem;
import cn.keywork.supervision.web.FieldErrorCode;
import cn.keywork.supervision.web.Page;
import cn.keywork.supervision.web.WebMessage;

/** Maps progress reports between the contract's models and the domain. */
@ApplicationScoped
class ReportMapper {

    private final Clock clock;
    private final ObjectMapper json;

    ReportMapper(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    ReportDraft draft(ProgressReportInputDto input) {
        List<ReportDraft.Coordination> requests = input.getCoordinationRequests() == null ? null
                : input.getCoordinationRequests().stream()
                        .map(c -> new ReportDraft.Coordination(c.getDescription(), List.copyOf(c.getUnitIds()))).toList();
        List<ReportDraft.Entry> entries = null;
        if (input.getSubItems() != null) {
            entries = new ArrayList<>();
            for (int i = 0; i < input.getSubItems().size(); i++) {
                ReportSubItemInputDto item = input.getSubItems().get(i);
                if (item.getActual() != null && item.getActual().stripTrailingZeros().scale() > 2) {
                    throw ApiProblem.invalid("subItems[" + i + "].actual", FieldErrorCode.RANGE, WebMessage.DECIMAL_PLACES, 2);
                }
                entries.add(new ReportDraft.Entry(item.getSubItemId(), item.getActual(), item.getNote(),
                        item.getCorrectionReason()));
            }
        }
        return new ReportDraft(input.getPeriod(), input.getSummary(), input.getProblems(), input.getMeasures(),
                input.getNextSteps(), requests, entries);
    }

    ProgressReportDto dto(ReportView view) {
        ReportRow row = view.row();
        return new ProgressReportDto(row.id(), row.taskId(), row.period(), ReportStatusDto.fromValue(row.status().name()),
                view.coordinationRequests().stream().map(ReportMapper::dto).toList(),
                view.subItems().stream().map(ReportMapper::dto).toList(), row.late(), List.copyOf(row.flags()),
                row.submittedCount(), row.version(), time(row.createdAt()), time(row.updatedAt()))
                .taskCode(view.taskCode())
                .summary(row.summary())
                .problems(row.problems())
                .measures(row.measures())
                .nextSteps(row.nextSteps())
                .submittedAt(time(row.submittedAt()))
                .decidedAt(time(row.decidedAt()))
                .decisionComment(row.decisionComment());
    }

    private static CoordinationRequestDto dto(ReportDraft.Coordination request) {
        return new CoordinationRequestDto(request.description(), List.copyOf(request.unitIds()));
    }

    private static ReportSubItemDto dto(ReportLine line) {
        return new ReportSubItemDto(line.subItemId(), line.content(), line.responsibleUnitId())
                .actual(plain(line.actual()))
                .note(line.note())
                .correctionReason(line.corrects() ? line.correctionReason() : null)
                .lastAccepted(plain(line.lastAccepted()))
                .lastAcceptedPeriod(line.lastAcceptedPeriod());
    }

    ProgressReportPageDto page(Page<ReportRow> page) {
        return new ProgressReportPageDto(page.map(this::summary), page.request().page(), page.request().size(),
                page.total());
    }

    private ProgressReportSummaryDto summary(ReportRow row) {
        return new ProgressReportSummaryDto(row.id(), row.taskId(), row.period(),
                ReportStatusDto.fromValue(row.status().name()), row.late(), List.copyOf(row.flags()), row.submittedCount(),
                row.version(), time(row.updatedAt()))
                .submittedAt(time(row.submittedAt()));
    }

    ReportVersionDto dto(ReportVersionView version) {
        ReportVersionContentDto content;
        try {
            content = json.readerFor(ReportVersionContentDto.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(version.contentJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored report version is unreadable", e);
        }
        content.getSubItems().forEach(item -> item.setActual(plain(item.getActual())));
        return new ReportVersionDto(version.number(), time(version.submittedAt()), version.late(), content);
    }

    ReportInboxPageDto inbox(InboxPage page, int pageNumber, int size) {
        InboxCounts c = page.counts();
        return new ReportInboxPageDto(page.items().stream().map(this::row).toList(), pageNumber, size, page.total(),
                new ReportInboxCountsDto(c.registered(), c.missing(), c.draft(), c.submitted(), c.returned(), c.accepted(),
                        c.late(), c.notReported()));
    }

    private ReportInboxRowDto row(InboxRow row) {
        return new ReportInboxRowDto(row.taskId(), row.taskTitle(), row.leadUnitId(), InboxStatusDto.fromValue(row.state()),
                row.late())
                .taskCode(row.taskCode())
                .reportStatus(row.reportStatus() == null ? null : ReportStatusDto.fromValue(row.reportStatus().name()))
                .reportId(row.reportId())
                .submittedAt(time(row.submittedAt()));
    }

    /** 100.00 → 100, 12.50 → 12.5. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
