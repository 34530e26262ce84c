package org.lastmile.access;

import java.util.List;

/**
 * A refused account or grant operation, with a code per problem (and the field it concerns) so that
 * the API answers one error entry per bad field and pages show each at its field.
 */
public class AccessException extends RuntimeException {

    public enum Kind { INVALID, CONFLICT, NOT_FOUND, FORBIDDEN }

    public record Problem(String field, String code, Object... args) {
    }

    private final Kind kind;
    private final List<Problem> problems;

    public AccessException(Kind kind, List<Problem> problems) {
        super(kind + " " + problems.stream().map(Problem::code).toList());
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public AccessException(Kind kind, String field, String code, Object... args) {
        this(kind, List.of(new Problem(field, code, args)));
    }

    public Kind kind() {
        return kind;
    }

    public List<Problem> problems() {
        return problems;
    }
}
