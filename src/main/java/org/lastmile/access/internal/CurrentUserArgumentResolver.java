package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.CurrentUser;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.server.ResponseStatusException;

/** Lets controllers take {@link CurrentUser} as a parameter. */
@Component
class CurrentUserArgumentResolver implements HandlerMethodArgumentResolver {

    private final CurrentUsers users;

    CurrentUserArgumentResolver(CurrentUsers users) {
        this.users = users;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentUser.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        return users.of(webRequest.getNativeRequest(HttpServletRequest.class))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}
