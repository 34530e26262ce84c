package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Who the request's user is, with the grants as they stand in the database now (one indexed query
 * per request, kept for the rest of it): a disabled account or a revoked grant counts at once.
 */
@Component
class CurrentUsers {

    private static final String ATTRIBUTE = CurrentUsers.class.getName();
    private final JdbcClient jdbc;

    CurrentUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    Optional<CurrentUser> load(String username) {
        return jdbc.sql("select id, display_name from access_account where username = ? and enabled")
                .param(username)
                .query((rs, n) -> new CurrentUser(rs.getLong(1), username, rs.getString(2), grants(rs.getLong(1))))
                .optional();
    }

    private List<Grant> grants(long accountId) {
        return jdbc.sql("select role, region_code, department_id from access_grant where account_id = ? order by id")
                .param(accountId)
                .query((rs, n) -> new Grant(Role.valueOf(rs.getString(1)), (Long) rs.getObject(2), (Long) rs.getObject(3)))
                .list();
    }
}
