package cn.keywork.supervision.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import cn.keywork.supervision.domain.RangeNotSatisfiable;

/** R13 downloads: one byte range (RFC 9110) and the file name twice (RFC 6266/5987). */
class DownloadHeadersTest {

    @Test
    void r13_single_ranges_in_their_three_forms() {
        assertThat(ByteRanges.parse("bytes=0-9", 100)).isEqualTo(new ByteRanges.Range(0, 9));
        assertThat(ByteRanges.parse("bytes=90-", 100)).isEqualTo(new ByteRanges.Range(90, 99));
        assertThat(ByteRanges.parse("bytes=-10", 100)).isEqualTo(new ByteRanges.Range(90, 99));
        assertThat(ByteRanges.parse("bytes=-500", 100)).isEqualTo(new ByteRanges.Range(0, 99));
        assertThat(ByteRanges.parse("bytes=95-200", 100)).isEqualTo(new ByteRanges.Range(95, 99));
        assertThat(ByteRanges.parse("bytes=0-9", 100).contentRange(100)).isEqualTo("bytes 0-9/100");
    }

    @Test
    void r13_what_is_not_one_range_is_ignored_and_a_range_beyond_the_end_refused() {
        assertThat(ByteRanges.parse(null, 100)).isNull();
        assertThat(ByteRanges.parse("bytes=0-1,5-6", 100)).isNull();
        assertThat(ByteRanges.parse("items=0-1", 100)).isNull();
        assertThat(ByteRanges.parse("bytes=9-3", 100)).isNull();
        assertThatThrownBy(() -> ByteRanges.parse("bytes=100-", 100)).isInstanceOf(RangeNotSatisfiable.class);
        assertThatThrownBy(() -> ByteRanges.parse("bytes=100-200", 100)).isInstanceOf(RangeNotSatisfiable.class);
        assertThatThrownBy(() -> ByteRanges.parse("bytes=-0", 100)).isInstanceOf(RangeNotSatisfiable.class);
    }

    @Test
    void r13_if_none_match_names_the_tag_or_everything() {
        assertThat(ByteRanges.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(ByteRanges.matches("\"x\", W/\"abc\"", "\"abc\"")).isTrue();
        assertThat(ByteRanges.matches("*", "\"abc\"")).isTrue();
        assertThat(ByteRanges.matches("\"abd\"", "\"abc\"")).isFalse();
        assertThat(ByteRanges.matches(null, "\"abc\"")).isFalse();
    }

    @Test
    void r13_the_file_name_in_ascii_and_in_utf8() {
        assertThat(ContentDisposition.attachment("施工 现场.jpg"))
                .isEqualTo("attachment; filename=\"__ __.jpg\"; filename*=UTF-8''%E6%96%BD%E5%B7%A5%20%E7%8E%B0%E5%9C%BA.jpg");
        assertThat(ContentDisposition.attachment("a\"b\\c;d.pdf"))
                .isEqualTo("attachment; filename=\"a_b_c;d.pdf\"; filename*=UTF-8''a%22b%5Cc%3Bd.pdf");
        assertThat(ContentDisposition.attachment("😀.png")).startsWith("attachment; filename=\"_.png\"");
    }
}
