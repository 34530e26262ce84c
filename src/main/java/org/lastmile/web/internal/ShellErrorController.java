package org.lastmile.web.internal;

import org.lastmile.platform.AllowAnonymous;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.web.ApiProblems;
import org.lastmile.web.PageContext;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.net.URI;
import java.util.List;

/**
 * Errors that reach the servlet container (unknown paths, faults): problem+json for the API, the
 * shell's error page for people. Nothing internal is shown.
 */
@Controller
@AllowAnonymous
class ShellErrorController implements ErrorController {

    private final MessageSource messages;

    ShellErrorController(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping(value = "/error", produces = MediaType.TEXT_HTML_VALUE)
    String page(HttpServletRequest request, Model model, jakarta.servlet.http.HttpServletResponse response) {
        HttpStatus status = status(request);
        String original = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original != null && original.startsWith("/api/")) {
            return "forward:/error/problem";
        }
        response.setStatus(status.value());
        model.addAttribute("ui", PageContext.forCurrentRequest(messages, RequestContextUtils.getLocale(request)));
        model.addAttribute("status", status.value());
        model.addAttribute("messageKey", status == HttpStatus.NOT_FOUND ? "error.notFound"
                : status.is4xxClientError() ? "error.badRequest" : "error.fault");
        return "web/error";
    }

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        return problemFor(request);
    }

    @RequestMapping("/error/problem")
    ResponseEntity<ProblemDetail> problemForApi(HttpServletRequest request) {
        return problemFor(request);
    }

    private ResponseEntity<ProblemDetail> problemFor(HttpServletRequest request) {
        HttpStatus status = status(request);
        String key = status == HttpStatus.NOT_FOUND ? "error.notFound"
                : status.is4xxClientError() ? "error.badRequest" : "error.fault";
        ProblemDetail problem = ApiProblems.problem(status,
                status == HttpStatus.NOT_FOUND ? "not-found" : status.is4xxClientError() ? "bad-request" : "fault",
                messages.getMessage(key, null, RequestContextUtils.getLocale(request)), List.of()).getBody();
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (original instanceof String uri) {
            problem.setInstance(URI.create(uri));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
