package org.lastmile.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.net.URI;
import java.util.List;

/**
 * The API's errors as {@code application/problem+json}: {@code {type, title, status, detail, errors}}
 * with one {@code errors} entry per bad field. Controllers throw what these build.
 */
public final class ApiProblems {

    private ApiProblems() {
    }

    public record FieldError(String field, String code, String message) {
    }

    public static ErrorResponseException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, "not-found", detail, List.of());
    }

    public static ErrorResponseException badRequest(String detail, List<FieldError> errors) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", detail, errors);
    }

    public static ErrorResponseException conflict(String detail) {
        return problem(HttpStatus.CONFLICT, "conflict", detail, List.of());
    }

    public static ErrorResponseException problem(HttpStatus status, String type, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("errors", errors);
        return new ErrorResponseException(status, problem, null);
    }
}
