package cn.keywork.supervision.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import cn.keywork.supervision.domain.DomainMessage;
import cn.keywork.supervision.domain.InvalidInput;
import cn.keywork.supervision.domain.MessageKey;
import cn.keywork.supervision.task.service.ImportMessage;

/** The one message catalogue: the same keys in both languages, every key the code uses present, each one formattable. */
class ProblemCatalogTest {

    @Test
    void both_languages_hold_the_same_keys() {
        assertThat(keys(ProblemCatalog.CHINESE)).isEqualTo(keys(ProblemCatalog.ENGLISH));
    }

    @Test
    void every_key_the_code_uses_is_in_the_catalogue_and_formats_in_both_languages() {
        List<String> used = new ArrayList<>();
        for (ProblemType type : ProblemType.values()) {
            used.add(ProblemCatalog.titleKey(type));
        }
        List<MessageKey> keys = new ArrayList<>(List.of(DomainMessage.values()));
        Collections.addAll(keys, WebMessage.values());
        Collections.addAll(keys, ImportMessage.values());
        keys.forEach(key -> used.add(key.key()));
        for (Locale locale : ProblemCatalog.LANGUAGES) {
            assertThat(keys(locale)).as(locale.toLanguageTag()).containsAll(used);
            for (String key : used) {
                List<Object> arguments = key.equals(DomainMessage.FIELDS_INVALID.key()) ? List.of(3)
                        : IntStream.range(0, 5).mapToObj(i -> (Object) ("«" + i + "»")).toList();
                String text = ProblemCatalog.text(locale, key, arguments);
                assertThat(text).as(key).isNotBlank().doesNotContain("{").doesNotContain("}");
            }
        }
        assertThat(Set.copyOf(used)).as("no key is used twice").hasSize(used.size());
    }

    @Test
    void nothing_in_the_catalogue_is_left_unused() {
        Set<String> used = new TreeSet<>();
        for (ProblemType type : ProblemType.values()) {
            used.add(ProblemCatalog.titleKey(type));
        }
        for (DomainMessage key : DomainMessage.values()) {
            used.add(key.key());
        }
        for (WebMessage key : WebMessage.values()) {
            used.add(key.key());
        }
        for (ImportMessage key : ImportMessage.values()) {
            used.add(key.key());
        }
        assertThat(keys(ProblemCatalog.ENGLISH)).isEqualTo(used);
    }

    @Test
    void the_domain_reasons_are_the_contract_field_codes() {
        assertThat(List.of(InvalidInput.Reason.values()).stream().map(Enum::name).toList())
                .isEqualTo(List.of(FieldErrorCode.values()).stream().map(Enum::name).toList());
    }

    @Test
    void arguments_are_told_as_given_and_counts_agree_in_english() {
        assertThat(ProblemCatalog.text(ProblemCatalog.ENGLISH, DomainMessage.FIELDS_INVALID, List.of(1)))
                .isEqualTo("1 field is invalid.");
        assertThat(ProblemCatalog.text(ProblemCatalog.ENGLISH, DomainMessage.FIELDS_INVALID, List.of(2)))
                .isEqualTo("2 fields are invalid.");
        assertThat(ProblemCatalog.text(ProblemCatalog.CHINESE, DomainMessage.TASK_DECLARATION_WINDOW_CLOSED,
                List.of("2026", "2026-01-01", "2026-03-31"))).isEqualTo("2026 年度的任务申报时间为 2026-01-01 至 2026-03-31。");
        assertThat(ProblemCatalog.text(ProblemCatalog.ENGLISH, WebMessage.FIELD_UNKNOWN, List.of("unitid")))
                .isEqualTo("Unknown field 'unitid'.");
    }

    @ParameterizedTest(name = "Accept-Language: {0} → {1}")
    @CsvSource(nullValues = "none", value = {
            "none, zh-CN", "'', zh-CN", "en, en", "en-US, en", "'en-GB,en;q=0.9', en", "zh-CN, zh-CN", "zh, zh-CN",
            "zh-TW, zh-CN", "'fr, en;q=0.5', en", "fr, zh-CN", "'en;q=0, zh;q=0.1', zh-CN", "*, zh-CN",
            "'zh-CN;q=0.4, en;q=0.8', en", "'not a ;;; range', zh-CN" })
    void the_language_follows_accept_language_with_chinese_by_default(String header, String expected) {
        assertThat(ProblemCatalog.tag(ProblemCatalog.choose(header))).isEqualTo(expected);
    }

    private static Set<String> keys(Locale locale) {
        ResourceBundle bundle = ProblemCatalog.bundle(locale);
        assertThat(bundle.getLocale()).isEqualTo(locale);
        return new TreeSet<>(bundle.keySet());
    }
}
