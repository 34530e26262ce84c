package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;

import java.util.Optional;

/**
 * Enforces each endpoint's rule before it runs: deny by default (no rule: 403), 401 when a login is
 * needed, 403 when no grant's role allows any of the endpoint's actions. Where the user may act is
 * then the query's business, through {@link org.lastmile.access.Scope}.
 */
@Component
class EndpointAuthorization implements HandlerInterceptor {

    private final CurrentUsers users;
    private final AuditLog audit;

    EndpointAuthorization(CurrentUsers users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true; // static resources: public by the security filter chain's own rules
        }
        EndpointRules.Rule rule = EndpointRules.ruleFor(method);
        if (rule instanceof EndpointRules.Anonymous) {
            return true;
        }
        if (rule instanceof EndpointRules.None) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "This endpoint has no authorisation rule");
        }
        Optional<CurrentUser> user = users.of(request);
        if (user.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
        }
        if (rule instanceof EndpointRules.Actions actions && actions.anyOf().stream().noneMatch(user.get()::may)) {
            audit.record("ACCESS_DENIED", "endpoint", request.getMethod() + " " + request.getRequestURI(), null,
                    AuditLog.Outcome.DENIED, null);
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return true;
    }
}
