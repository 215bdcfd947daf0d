package cn.keywork.supervision.opinion.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.OpinionDto;
import cn.keywork.supervision.api.model.OpinionPageDto;
import cn.keywork.supervision.api.model.OpinionStatusDto;
import cn.keywork.supervision.api.model.PublicOpinionDto;
import cn.keywork.supervision.api.model.PublicOpinionListDto;
import cn.keywork.supervision.api.model.RoundOpinionDto;
import cn.keywork.supervision.api.model.RoundOpinionListDto;
import cn.keywork.supervision.opinion.domain.OpinionRow;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.web.Page;

/**
 * Public opinions as the contract shows them. Only {@link #dto} (the office's view) carries the
 * contact; the public and round views are built from the public fields alone.
 */
@ApplicationScoped
class OpinionMapper {

    private final ZoneId zone;

    OpinionMapper(SupervisionConfig config) {
        this.zone = config.timeZone();
    }

    OpinionDto dto(OpinionRow row) {
        return new OpinionDto().id(row.id()).taskId(row.taskId()).code(row.code()).text(row.text()).nickname(row.nickname())
                .contact(row.contact()).status(OpinionStatusDto.fromValue(row.status().name()))
                .submittedAt(time(row.createdAt())).reply(row.reply()).reason(row.reason())
                .moderatedAt(time(row.moderatedAt()));
    }

    OpinionPageDto page(Page<OpinionRow> page) {
        return new OpinionPageDto().items(page.map(this::dto)).page(page.request().page()).size(page.request().size())
                .total(page.total());
    }

    PublicOpinionListDto publicList(String code, List<OpinionRow> rows) {
        return new PublicOpinionListDto().code(code).items(rows.stream().map(row -> new PublicOpinionDto().id(row.id())
                .text(row.text()).nickname(row.nickname()).submittedAt(time(row.createdAt())).reply(row.reply())
                .repliedAt(row.reply() == null ? null : time(row.moderatedAt()))).toList());
    }

    RoundOpinionListDto roundList(List<OpinionRow> rows) {
        return new RoundOpinionListDto().items(rows.stream().map(row -> new RoundOpinionDto().id(row.id()).taskId(row.taskId())
                .text(row.text()).nickname(row.nickname()).submittedAt(time(row.createdAt())).reply(row.reply())
                .repliedAt(row.reply() == null ? null : time(row.moderatedAt()))).toList());
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
}
