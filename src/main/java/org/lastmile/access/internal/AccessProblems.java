package org.lastmile.access.internal;

import org.lastmile.access.AccessException;
import org.lastmile.web.ApiProblems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** An {@link AccessException} as problem+json, one error entry per problem, in the request's language. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessProblems {

    private final MessageSource messages;

    AccessProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(AccessException.class)
    ResponseEntity<ProblemDetail> refused(AccessException e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        List<ApiProblems.FieldError> errors = e.problems().stream()
                .map(p -> new ApiProblems.FieldError(p.field(), p.code(), message(p)))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : message("error.badRequest");
        ProblemDetail body = ApiProblems.problem(status, status.name().toLowerCase().replace('_', '-'), detail, errors).getBody();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    String message(AccessException.Problem problem) {
        return messages.getMessage("access.error." + problem.code(), problem.args(), LocaleContextHolder.getLocale());
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }
}
