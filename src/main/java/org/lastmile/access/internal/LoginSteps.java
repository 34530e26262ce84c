package org.lastmile.access.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * After the password, a page login may still owe steps: the second factor (administrators) and a
 * password change (a temporary or expired password). Until they are done every page leads to them.
 */
class LoginSteps extends OncePerRequestFilter {

    static final String SECOND_FACTOR_PENDING = "lastmile.login.secondFactorPending";
    static final String PASSWORD_CHANGE_PENDING = "lastmile.login.passwordChangePending";

    static String nextStep(HttpSession session) {
        if (session == null) {
            return null;
        }
        if (session.getAttribute(SECOND_FACTOR_PENDING) != null) {
            return "/login/second-factor";
        }
        if (session.getAttribute(PASSWORD_CHANGE_PENDING) != null) {
            return "/account/password";
        }
        return null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String step = nextStep(request.getSession(false));
        String path = request.getRequestURI();
        if (step != null && !path.equals(step) && !path.equals("/logout") && !isAsset(path)) {
            response.sendRedirect(step);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/webjars/") || path.startsWith("/js/")
                || path.equals("/favicon.svg") || path.startsWith("/error");
    }
}
