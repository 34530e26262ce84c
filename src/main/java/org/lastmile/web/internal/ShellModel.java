package org.lastmile.web.internal;

import org.lastmile.web.PageContext;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

import jakarta.servlet.http.HttpServletRequest;

/** Gives every page controller's model the {@code ui} its templates render with. */
@ControllerAdvice(annotations = Controller.class)
class ShellModel {

    private final MessageSource messages;

    ShellModel(MessageSource messages) {
        this.messages = messages;
    }

    /** Pages only: a {@code @RestController} is a {@code @Controller} too, and the API has no template to render. */
    @ModelAttribute("ui")
    PageContext ui(HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            return null;
        }
        return PageContext.forCurrentRequest(messages, RequestContextUtils.getLocale(request));
    }
}
