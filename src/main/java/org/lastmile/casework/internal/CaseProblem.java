package org.lastmile.casework.internal;

import java.util.List;

/**
 * A refused casework operation: invalid fields (400), a conflict or illegal transition (409), an action on
 * a case of another unit (403), or absent or out of scope (404).
 */
class CaseProblem extends RuntimeException {

    enum Kind { INVALID, CONFLICT, FORBIDDEN, NOT_FOUND }

    record FieldProblem(String field, String code, Object... args) {
    }

    private final Kind kind;
    private final List<FieldProblem> problems;

    CaseProblem(Kind kind, List<FieldProblem> problems) {
        super(kind.name() + " " + problems.stream().map(FieldProblem::code).toList());
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    static CaseProblem invalid(String field, String code) {
        return new CaseProblem(Kind.INVALID, List.of(new FieldProblem(field, code)));
    }

    static CaseProblem conflict(String code, Object... args) {
        return new CaseProblem(Kind.CONFLICT, List.of(new FieldProblem(null, code, args)));
    }

    static CaseProblem notFound() {
        return new CaseProblem(Kind.NOT_FOUND, List.of());
    }

    Kind kind() {
        return kind;
    }

    List<FieldProblem> problems() {
        return problems;
    }

    String firstCode() {
        return problems.isEmpty() ? null : problems.get(0).code();
    }
}
