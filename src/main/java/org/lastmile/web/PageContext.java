package org.lastmile.web;

import org.springframework.context.MessageSource;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Locale;

/**
 * What every page template gets as {@code ui}: its messages in the user's language, the language
 * itself and the link that switches to the other one. Templates never hold user-facing text.
 */
public final class PageContext {

    private final MessageSource messages;
    private final Locale locale;
    private final String switchLanguageHref;

    public PageContext(MessageSource messages, Locale locale, String switchLanguageHref) {
        this.messages = messages;
        this.locale = locale;
        this.switchLanguageHref = switchLanguageHref;
    }

    /** For the current request: links back to the same page with the other language. */
    public static PageContext forCurrentRequest(MessageSource messages, Locale locale) {
        String other = Languages.isEnglish(locale) ? Languages.CHINESE_TAG : Languages.ENGLISH_TAG;
        String href = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam(Languages.PARAMETER, other)
                .build().toUriString();
        // Keep the link relative to the host the user reached us on (proxies rewrite hosts).
        int pathStart = href.indexOf('/', href.indexOf("//") + 2);
        return new PageContext(messages, locale, pathStart > 0 ? href.substring(pathStart) : href);
    }

    public String t(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The BCP 47 tag for {@code <html lang>}. */
    public String lang() {
        return Languages.isEnglish(locale) ? Languages.ENGLISH_TAG : Languages.CHINESE_TAG;
    }

    public String otherLang() {
        return Languages.isEnglish(locale) ? Languages.CHINESE_TAG : Languages.ENGLISH_TAG;
    }

    public String switchLanguageHref() {
        return switchLanguageHref;
    }

    public Locale locale() {
        return locale;
    }
}
