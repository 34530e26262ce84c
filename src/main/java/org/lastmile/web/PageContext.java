package org.lastmile.web;

import org.springframework.context.MessageSource;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
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
    private final String username;
    private final String csrfParameter;
    private final String csrfToken;

    public PageContext(MessageSource messages, Locale locale, String switchLanguageHref, String username,
                       String csrfParameter, String csrfToken) {
        this.messages = messages;
        this.locale = locale;
        this.switchLanguageHref = switchLanguageHref;
        this.username = username;
        this.csrfParameter = csrfParameter;
        this.csrfToken = csrfToken;
    }

    /** For the current request: links back to the same page with the other language. */
    public static PageContext forCurrentRequest(MessageSource messages, Locale locale) {
        String other = Languages.isEnglish(locale) ? Languages.CHINESE_TAG : Languages.ENGLISH_TAG;
        String href = ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam(Languages.PARAMETER, other)
                .build().toUriString();
        // Keep the link relative to the host the user reached us on (proxies rewrite hosts).
        int pathStart = href.indexOf('/', href.indexOf("//") + 2);
        String username = null;
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken)) {
            username = auth.getName();
        }
        String csrfParameter = null;
        String csrfToken = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            csrfParameter = token.getParameterName();
            csrfToken = token.getToken();
        }
        return new PageContext(messages, locale, pathStart > 0 ? href.substring(pathStart) : href, username,
                csrfParameter, csrfToken);
    }

    /** The logged-in user's name, or null on pages seen before login. */
    public String username() {
        return username;
    }

    /** Every form that posts carries this hidden field (CSRF protection). */
    public String csrfParameter() {
        return csrfParameter;
    }

    public String csrfToken() {
        return csrfToken;
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
