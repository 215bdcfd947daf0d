package cn.keywork.supervision.web;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import cn.keywork.supervision.domain.MessageKey;

/**
 * The one message catalogue of problems ({@code messages/problems_zh_CN.properties} and
 * {@code problems_en.properties}), and the choice of language by {@code Accept-Language}:
 * Chinese unless the client prefers English.
 */
public final class ProblemCatalog {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> LANGUAGES = List.of(CHINESE, ENGLISH);
    private static final String BUNDLE = "messages.problems";

    private ProblemCatalog() {
    }

    /** The language of the answer: the client's most preferred of zh-CN and en, else zh-CN. */
    public static Locale choose(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return CHINESE;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage.length() > 200 ? acceptLanguage.substring(0, 200) : acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return CHINESE;
        }
        for (Locale.LanguageRange range : ranges) {
            String tag = range.getRange();
            if (range.getWeight() <= 0) {
                continue;
            }
            if (tag.equals("zh") || tag.startsWith("zh-") || tag.equals("*")) {
                return CHINESE;
            }
            if (tag.equals("en") || tag.startsWith("en-")) {
                return ENGLISH;
            }
        }
        return CHINESE;
    }

    /** The {@code Content-Language} of an answer in {@code locale}. */
    public static String tag(Locale locale) {
        return locale.toLanguageTag();
    }

    public static String text(Locale locale, MessageKey key, List<?> arguments) {
        return text(locale, key.key(), arguments);
    }

    public static String text(Locale locale, String key, List<?> arguments) {
        String pattern = bundle(locale).getString(key);
        return new MessageFormat(pattern, locale).format(arguments.toArray());
    }

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The catalogue key of a problem type's title. */
    public static String titleKey(ProblemType type) {
        return "title." + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
