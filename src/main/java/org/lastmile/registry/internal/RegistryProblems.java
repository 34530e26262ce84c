package org.lastmile.registry.internal;

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

/** The registry's refusals as problem+json: one error per bad field, the current record with a 412. */
@RestControllerAdvice(basePackageClasses = RegistryProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistryProblems {

    private final MessageSource messages;

    RegistryProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(PersonProblem.class)
    ResponseEntity<ProblemDetail> refused(PersonProblem e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT_HERE, CONFLICT_ELSEWHERE -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case PRECONDITION_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
        };
        List<ApiProblems.FieldError> errors = e.problems().stream()
                .map(p -> new ApiProblems.FieldError(p.field(), p.code(), message("registry.error." + p.code(), p.args())))
                .toList();
        String detail = errors.size() == 1 ? errors.get(0).message() : message("registry.problem." + e.kind().name());
        ProblemDetail body = ApiProblems.problem(status, e.kind().name().toLowerCase().replace('_', '-'), detail, errors).getBody();
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.current() instanceof PersonRecord person) {
            body.setProperty("current", PersonApiController.PersonJson.of(person));
            response.eTag(PersonApiController.etag(person));
        } else if (e.current() instanceof StatusNeedsService.Record record) {
            body.setProperty("current", record);
            response.eTag(record.etag());
        } else if (e.current() instanceof HouseholdService.Household household) {
            body.setProperty("current", household);
            response.eTag(household.etag());
        }
        return response.body(body);
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
