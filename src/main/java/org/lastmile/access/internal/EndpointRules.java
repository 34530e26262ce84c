package org.lastmile.access.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.platform.AllowAnonymous;
import org.lastmile.platform.AllowAuthenticated;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

import java.util.Set;

/**
 * The authorisation rule of each endpoint, read from its annotations ({@link Allow},
 * {@link AllowAuthenticated}, {@link AllowAnonymous}) on the method or its class. Endpoints of
 * libraries get their rule here, explicitly. No rule means no access.
 */
final class EndpointRules {

    sealed interface Rule permits Anonymous, Authenticated, Actions, None {
    }

    record Anonymous() implements Rule {
    }

    record Authenticated() implements Rule {
    }

    record Actions(Set<Action> anyOf) implements Rule {
    }

    record None() implements Rule {
    }

    private EndpointRules() {
    }

    static Rule ruleFor(HandlerMethod handler) {
        Allow allow = find(handler, Allow.class);
        if (allow != null) {
            return new Actions(Set.of(allow.value()));
        }
        if (find(handler, AllowAuthenticated.class) != null) {
            return new Authenticated();
        }
        if (find(handler, AllowAnonymous.class) != null) {
            return new Anonymous();
        }
        // springdoc's OpenAPI description and Swagger UI: for logged-in users, like the API they describe.
        if (handler.getBeanType().getName().startsWith("org.springdoc.")) {
            return new Authenticated();
        }
        return new None();
    }

    private static <A extends java.lang.annotation.Annotation> A find(HandlerMethod handler, Class<A> type) {
        A onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), type);
        return onMethod != null ? onMethod : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), type);
    }
}
