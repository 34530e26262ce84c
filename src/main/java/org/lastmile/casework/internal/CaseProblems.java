package org.lastmile.casework.internal;

import org.lastmile.web.ApiProblems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Locale;

/** Casework's refusals as problem+json, one error per bad field, in the request's language. */
@RestControllerAdvice(assignableTypes = CaseApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CaseProblems {

    private final MessageSource messages;

    CaseProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(CaseProblem.class)
    ResponseEntity<ProblemDetail> refused(CaseProblem e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        Locale locale = LocaleContextHolder.getLocale();
        List<ApiProblems.FieldError> errors = e.problems().stream()
                .map(p -> new ApiProblems.FieldError(p.field(), p.code(), message(messages, p, locale))).toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : messages.getMessage("casework.problem." + e.kind().name(), null, locale);
        ProblemDetail body = ApiProblems.problem(status, e.kind().name().toLowerCase().replace('_', '-'), detail, errors).getBody();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The message of a refusal; action and status arguments (codes) are shown by their labels. */
    static String message(MessageSource messages, CaseProblem.FieldProblem p, Locale locale) {
        Object[] args = p.args().clone();
        if (args.length == 2) {
            args[0] = messages.getMessage("casework.action." + args[0], null, String.valueOf(args[0]), locale);
            args[1] = messages.getMessage("casework.status." + args[1], null, String.valueOf(args[1]), locale);
        }
        return messages.getMessage("casework.error." + p.code(), args, p.code(), locale);
    }
}
