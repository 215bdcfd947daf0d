package cn.keywork.supervision.briefing.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.keywork.supervision.api.model.BriefingDataDto;
import cn.keywork.supervision.api.model.BriefingDto;
import cn.keywork.supervision.api.model.BriefingEditDto;
import cn.keywork.supervision.api.model.BriefingPageDto;
import cn.keywork.supervision.api.model.BriefingStatusDto;
import cn.keywork.supervision.api.model.BriefingSummaryDto;
import cn.keywork.supervision.api.model.PublicBriefingDto;
import cn.keywork.supervision.api.model.PublicBriefingListDto;
import cn.keywork.supervision.api.model.PublicBriefingSummaryDto;
import cn.keywork.supervision.briefing.domain.BriefingData;
import cn.keywork.supervision.briefing.domain.BriefingEdit;
import cn.keywork.supervision.briefing.domain.BriefingRow;
import cn.keywork.supervision.briefing.domain.BriefingView;
import cn.keywork.supervision.web.Page;

/** Briefings between the contract's shapes and the domain's; the public shapes carry public fields only. */
@ApplicationScoped
class BriefingMapper {

    private final Clock clock;
    private final ObjectMapper json;

    BriefingMapper(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    BriefingEdit edit(BriefingEditDto input) {
        return new BriefingEdit(input.getTitle(), input.getForeword(), input.getConclusions());
    }

    BriefingDto dto(BriefingView view) {
        BriefingRow row = view.row();
        return new BriefingDto().id(row.id()).quarter(row.quarter()).year(row.year()).title(row.title())
                .foreword(row.foreword()).conclusions(row.conclusions()).status(BriefingStatusDto.fromValue(row.status().name()))
                .data(data(row.data())).markdown(view.markdown()).version(row.version()).computedAt(time(row.computedAt()))
                .publishedAt(time(row.publishedAt())).createdAt(time(row.createdAt())).updatedAt(time(row.updatedAt()));
    }

    BriefingPageDto page(Page<BriefingRow> page) {
        return new BriefingPageDto().items(page.map(this::summary)).page(page.request().page()).size(page.request().size())
                .total(page.total());
    }

    private BriefingSummaryDto summary(BriefingRow row) {
        return new BriefingSummaryDto().id(row.id()).quarter(row.quarter()).title(row.title())
                .status(BriefingStatusDto.fromValue(row.status().name())).publishedAt(time(row.publishedAt()))
                .computedAt(time(row.computedAt())).updatedAt(time(row.updatedAt()));
    }

    PublicBriefingListDto publicList(List<BriefingRow> rows) {
        return new PublicBriefingListDto().items(rows.stream().map(row -> new PublicBriefingSummaryDto().id(row.id())
                .quarter(row.quarter()).title(row.title()).publishedAt(time(row.publishedAt()))).toList());
    }

    /** A published briefing for the public: its text and data, none of the office's working stamps. */
    PublicBriefingDto publicBriefing(BriefingView view) {
        BriefingRow row = view.row();
        return new PublicBriefingDto().id(row.id()).quarter(row.quarter()).title(row.title()).foreword(row.foreword())
                .conclusions(row.conclusions()).data(data(row.data())).markdown(view.markdown())
                .publishedAt(time(row.publishedAt()));
    }

    private BriefingDataDto data(BriefingData data) {
        return data == null ? null : json.convertValue(data, BriefingDataDto.class);
    }

    private OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atZone(clock.getZone()).toOffsetDateTime();
    }
}
