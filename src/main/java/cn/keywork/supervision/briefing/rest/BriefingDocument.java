package cn.keywork.supervision.briefing.rest;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import cn.keywork.supervision.briefing.domain.BriefingRow;
import cn.keywork.supervision.briefing.domain.BriefingText;
import cn.keywork.supervision.briefing.domain.BriefingText.Section;
import cn.keywork.supervision.briefing.domain.BriefingView;
import cn.keywork.supervision.briefing.domain.Quarter;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The briefing as a printable HTML page, written with Qute from the same sections as its Markdown. */
@ApplicationScoped
class BriefingDocument {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    @CheckedTemplate(basePath = "briefing")
    static class Templates {
        static native TemplateInstance document(String title, String foreword, String quarter, boolean draft,
                String issuedOn, List<Section> sections);
    }

    private final Clock clock;

    BriefingDocument(Clock clock) {
        this.clock = clock;
    }

    String html(BriefingView view) {
        BriefingRow row = view.row();
        Quarter quarter = Quarter.parse(row.quarter());
        String issuedOn = row.publishedAt() == null ? null : DAY.format(row.publishedAt().atZone(clock.getZone()));
        return Templates.document(row.title(), row.foreword(), quarter.year() + "年" + quarter.chineseName(),
                row.status() != cn.keywork.supervision.briefing.domain.BriefingStatus.PUBLISHED, issuedOn,
                BriefingText.sections(row.conclusions(), row.data())).render();
    }
}
