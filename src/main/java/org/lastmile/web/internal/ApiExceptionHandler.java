package org.lastmile.web.internal;

import org.lastmile.web.ApiProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Locale;

/** Every API error as problem+json; MVC's own errors (bad types, missing parameters) included. */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        List<ApiProblems.FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new ApiProblems.FieldError(e.getField(), e.getCode(), messages.getMessage(e, locale)))
                .toList();
        ProblemDetail body = ApiProblems.badRequest(messages.getMessage("error.badRequest", null, locale), errors).getBody();
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> fault(Exception e, Locale locale) {
        log.error("Unhandled error in an API call", e);
        ProblemDetail problem = ApiProblems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "fault",
                messages.getMessage("error.fault", null, locale), List.of()).getBody();
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
