package org.lastmile.web;

import java.util.Locale;

/** The two languages: zh-CN first, English second. */
public final class Languages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final String CHINESE_TAG = "zh-CN";
    public static final String ENGLISH_TAG = "en";
    /** {@code ?lang=en} switches the language and remembers the choice in a cookie. */
    public static final String PARAMETER = "lang";

    private Languages() {
    }

    public static boolean isEnglish(Locale locale) {
        return locale != null && locale.getLanguage().equals("en");
    }

    /** zh-CN unless the tag asks for English. */
    public static Locale fromTag(String tag) {
        return tag != null && tag.toLowerCase(Locale.ROOT).startsWith("en") ? ENGLISH : CHINESE;
    }
}
