package cn.keywork.supervision.evidence.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** R13: which flags a file earns, at the edges of the month (Asia/Shanghai) and of the site's radius. */
class EvidenceRulesTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Site SITE = new Site(26.074508, 119.296494, 500);

    private static FileFacts photo(String takenAt, Double lat, Double lon) {
        return new FileFacts(Path.of("x"), "x.jpg", null, "image/jpeg", 10, "0".repeat(64),
                takenAt == null ? null : Instant.parse(takenAt), lat, lon, 10, 10, new byte[1], new byte[1]);
    }

    @Test
    void r13_the_month_is_counted_in_shanghai() {
        YearMonth june = YearMonth.of(2026, 6);
        // 2026-05-31T16:00Z is midnight of 1 June in Shanghai: inside
        assertThat(EvidenceRules.flags(photo("2026-05-31T16:00:00Z", null, null), june, SHANGHAI, null, false)).isEmpty();
        // one second earlier is still May there
        assertThat(EvidenceRules.flags(photo("2026-05-31T15:59:59Z", null, null), june, SHANGHAI, null, false))
                .containsExactly(AttachmentFlag.OUTSIDE_PERIOD);
        // 2026-06-30T16:00Z is already July in Shanghai
        assertThat(EvidenceRules.flags(photo("2026-06-30T16:00:00Z", null, null), june, SHANGHAI, null, false))
                .containsExactly(AttachmentFlag.OUTSIDE_PERIOD);
    }

    @Test
    void r13_the_site_radius_is_measured_on_the_sphere() {
        // 0.0044 degrees of latitude is about 489 m; 0.0046 about 511 m
        assertThat(SITE.distanceTo(26.074508 + 0.0044, 119.296494)).isBetween(485.0, 495.0);
        assertThat(EvidenceRules.flags(photo("2026-06-10T02:00:00Z", 26.074508 + 0.0044, 119.296494), YearMonth.of(2026, 6),
                SHANGHAI, SITE, false)).isEmpty();
        assertThat(EvidenceRules.flags(photo("2026-06-10T02:00:00Z", 26.074508 + 0.0046, 119.296494), YearMonth.of(2026, 6),
                SHANGHAI, SITE, false)).containsExactly(AttachmentFlag.OUTSIDE_SITE);
    }

    @Test
    void r13_a_pdf_earns_no_photo_flags_but_can_be_a_duplicate() {
        FileFacts pdf = new FileFacts(Path.of("x"), "x.pdf", null, "application/pdf", 10, "0".repeat(64), null, null, null,
                null, null, null, null);
        assertThat(EvidenceRules.flags(pdf, YearMonth.of(2026, 6), SHANGHAI, SITE, false)).isEmpty();
        assertThat(EvidenceRules.flags(pdf, YearMonth.of(2026, 6), SHANGHAI, SITE, true)).containsExactly(AttachmentFlag.DUPLICATE);
    }

    @Test
    void r13_a_photo_without_time_or_position_says_so_where_it_matters() {
        assertThat(EvidenceRules.flags(photo(null, null, null), YearMonth.of(2026, 6), SHANGHAI, SITE, false))
                .containsExactly(AttachmentFlag.NO_CAPTURE_TIME, AttachmentFlag.NO_LOCATION);
        assertThat(EvidenceRules.flags(photo(null, null, null), YearMonth.of(2026, 6), SHANGHAI, null, false))
                .containsExactly(AttachmentFlag.NO_CAPTURE_TIME);
    }
}
