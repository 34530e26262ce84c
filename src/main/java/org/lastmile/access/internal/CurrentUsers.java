package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Who the request's user is, with the grants as they stand in the database now (one indexed query
 * per request, kept for the rest of it): a disabled account or a revoked grant counts at once.
 */
@Component
class CurrentUsers {

    private static final String ATTRIBUTE = CurrentUsers.class.getName();
    private final JdbcClient jdbc;
    private final AccountService accounts;

    CurrentUsers(JdbcClient jdbc, AccountService accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    Optional<CurrentUser> of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof CurrentUser cached) {
            return Optional.of(cached);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        Optional<CurrentUser> user = load(auth.getName());
        user.ifPresent(u -> request.setAttribute(ATTRIBUTE, u));
        return user;
    }

    /** The user an authentication step has just read whole (the API token's), for the rest of the request. */
    static void remember(HttpServletRequest request, CurrentUser user) {
        request.setAttribute(ATTRIBUTE, user);
    }

    Optional<CurrentUser> load(String username) {
        return jdbc.sql("select id, display_name from access_account where username = ? and enabled")
                .param(username)
                .query((rs, n) -> new CurrentUser(rs.getLong(1), username, rs.getString(2), accounts.grants(rs.getLong(1))))
                .optional();
    }
}
