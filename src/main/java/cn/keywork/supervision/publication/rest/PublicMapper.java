package cn.keywork.supervision.publication.rest;

import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.api.model.LightDto;
import cn.keywork.supervision.api.model.PublicHistoryEntryDto;
import cn.keywork.supervision.api.model.PublicLedgerDto;
import cn.keywork.supervision.api.model.PublicLedgerListDto;
import cn.keywork.supervision.api.model.PublicLedgerRowDto;
import cn.keywork.supervision.api.model.PublicLedgerSummaryDto;
import cn.keywork.supervision.api.model.PublicLightCountsDto;
import cn.keywork.supervision.api.model.PublicPhotoDto;
import cn.keywork.supervision.api.model.PublicProgressHistoryDto;
import cn.keywork.supervision.api.model.TaskCategoryDto;
import cn.keywork.supervision.platform.SupervisionConfig;
import cn.keywork.supervision.publication.domain.PublicHistory;
import cn.keywork.supervision.publication.domain.PublicRow;
import cn.keywork.supervision.publication.domain.PublishedLedger;

/** Published ledgers and histories as the contract shows them; times in the city's zone. */
@ApplicationScoped
class PublicMapper {

    static final String PHOTOS = "/api/v1/public/photos/";

    private final ZoneId zone;

    PublicMapper(SupervisionConfig config) {
        this.zone = config.timeZone();
    }

    PublicLedgerListDto list(List<PublishedLedger> ledgers) {
        return new PublicLedgerListDto().items(ledgers.stream().map(this::summary).toList());
    }

    private PublicLedgerSummaryDto summary(PublishedLedger ledger) {
        return new PublicLedgerSummaryDto().period(ledger.period()).version(ledger.version())
                .publishedAt(ledger.publishedAt().atZoneSameInstant(zone).toOffsetDateTime())
                .taskCount(ledger.lights().total()).lights(counts(ledger.lights()));
    }

    PublicLedgerDto ledger(PublishedLedger ledger, int page, int size) {
        return new PublicLedgerDto().period(ledger.period()).version(ledger.version())
                .publishedAt(ledger.publishedAt().atZoneSameInstant(zone).toOffsetDateTime())
                .taskCount(ledger.lights().total()).lights(counts(ledger.lights())).page(page).size(size)
                .items(ledger.rows().stream().map(PublicMapper::row).toList());
    }

    private static PublicLightCountsDto counts(PublishedLedger.LightCounts counts) {
        return new PublicLightCountsDto().green(counts.green()).yellow(counts.yellow()).red(counts.red())
                .completed(counts.completed()).notReported(counts.notReported());
    }

    private static PublicLedgerRowDto row(PublicRow row) {
        return new PublicLedgerRowDto().code(row.code()).title(row.title()).category(TaskCategoryDto.fromValue(row.category()))
                .leadUnit(row.leadUnit()).cooperatingUnits(row.cooperatingUnits()).planned(row.planned())
                .actual(row.actual()).lag(row.lag()).light(LightDto.fromValue(row.light())).summary(row.summary())
                .problems(row.problems())
                .photos(row.photoIds().stream().map(id -> new PublicPhotoDto().id(id).url(PHOTOS + id)
                        .thumbnailUrl(PHOTOS + id + "/thumbnail")).toList());
    }

    PublicProgressHistoryDto history(PublicHistory history) {
        return new PublicProgressHistoryDto().code(history.code()).title(history.title())
                .category(TaskCategoryDto.fromValue(history.category())).leadUnit(history.leadUnit())
                .items(history.months().stream().map(month -> new PublicHistoryEntryDto().period(month.period())
                        .planned(month.planned()).actual(month.actual()).lag(month.lag())
                        .light(LightDto.fromValue(month.light()))).toList());
    }
}
