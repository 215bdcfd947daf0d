package cn.keywork.supervision.inquiry.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.EvaluatorKindDto;
import cn.keywork.supervision.api.model.InquiryDto;
import cn.keywork.supervision.api.model.InquiryPageDto;
import cn.keywork.supervision.api.model.InquiryStatusDto;
import cn.keywork.supervision.inquiry.domain.InquiryRow;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.Page;

/** Inquiries as the contract shows them; times in the city's zone, the status as of {@code now}. */
@ApplicationScoped
class InquiryMapper {

    private final ZoneId zone;

    InquiryMapper(SupervisionConfig config) {
        this.zone = config.timeZone();
    }

    InquiryDto dto(InquiryRow row, Instant now) {
        return new InquiryDto().id(row.id()).roundId(row.roundId()).taskId(row.taskId()).unitId(row.unitId())
                .evaluatorId(row.evaluatorId()).evaluatorKind(EvaluatorKindDto.fromValue(row.evaluatorKind()))
                .question(row.question())._public(row.isPublic())
                .status(InquiryStatusDto.fromValue(row.status(now).name())).askedAt(time(row.askedAt()))
                .answerDue(time(row.answerDue())).answer(row.answer()).answeredAt(time(row.answeredAt()))
                .satisfactory(row.satisfactory()).judgedAt(time(row.judgedAt())).overdueAt(time(row.overdueAt()));
    }

    InquiryPageDto page(Page<InquiryRow> page, Instant now) {
        return new InquiryPageDto().items(page.map(row -> dto(row, now))).page(page.request().page())
                .size(page.request().size()).total(page.total());
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
