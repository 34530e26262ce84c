package org.lastmile.campaign.internal;

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

/** The campaign module's refusals as problem+json, one error per bad field, in the request's language. */
@RestControllerAdvice(basePackageClasses = CampaignProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class CampaignProblems {

    private final MessageSource messages;

    CampaignProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(CampaignProblem.class)
    ResponseEntity<ProblemDetail> refused(CampaignProblem e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        List<ApiProblems.FieldError> errors = e.problems().stream()
                .map(p -> new ApiProblems.FieldError(p.field(), p.code(), message(p.code(), p.args()))).toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : messages.getMessage("campaign.problem." + e.kind().name(), null,
                LocaleContextHolder.getLocale());
        ProblemDetail body = ApiProblems.problem(status, e.kind().name().toLowerCase().replace('_', '-'), detail, errors).getBody();
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** The campaign's message for the code, else the registry's (for answers the registry refused), else the code. */
    String message(String code, Object... args) {
        String registry = messages.getMessage("registry.error." + code, args, code, LocaleContextHolder.getLocale());
        return messages.getMessage("campaign.error." + code, args, registry, LocaleContextHolder.getLocale());
    }
}
