package org.lastmile.web.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.lastmile.web.Languages;
import org.springframework.web.servlet.LocaleResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * Pages speak zh-CN unless the user switched to English (remembered in a cookie for a year);
 * API answers follow {@code Accept-Language} (zh-CN when it names neither language).
 */
class LanguageResolver implements LocaleResolver {

    static final String COOKIE = "lastmile-lang";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(COOKIE) instanceof Locale justChosen) {
            return justChosen;
        }
        if (request.getRequestURI().startsWith("/api/")) {
            String accept = request.getHeader("Accept-Language");
            if (accept != null && !accept.isBlank()) {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accept)) {
                    if (range.getRange().startsWith("en")) {
                        return Languages.ENGLISH;
                    }
                    if (range.getRange().startsWith("zh")) {
                        return Languages.CHINESE;
                    }
                }
            }
            return Languages.CHINESE;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return Languages.fromTag(cookie.getValue());
                }
            }
        }
        return Languages.CHINESE;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = Languages.isEnglish(locale) ? Languages.ENGLISH : Languages.CHINESE;
        Cookie cookie = new Cookie(COOKIE, Languages.isEnglish(chosen) ? Languages.ENGLISH_TAG : Languages.CHINESE_TAG);
        cookie.setPath("/");
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        // The page being rendered already speaks the new language.
        request.setAttribute(COOKIE, chosen);
    }
}
