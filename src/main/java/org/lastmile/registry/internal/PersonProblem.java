package org.lastmile.registry.internal;

import java.util.List;

/** A refused person operation: invalid fields (400), a conflict (409), a stale version (412), or absent (404). */
class PersonProblem extends RuntimeException {

    enum Kind { INVALID, CONFLICT_HERE, CONFLICT_ELSEWHERE, STALE, NOT_FOUND, PRECONDITION_REQUIRED, RATE_LIMITED }

    record FieldProblem(String field, String code, Object... args) {
    }

    private final Kind kind;
    private final List<FieldProblem> problems;
    private final Object current;

    /** {@code current}: with a stale version, the record as it now is (a person or a household). */
    PersonProblem(Kind kind, List<FieldProblem> problems, Object current) {
        super(kind.name());
        this.kind = kind;
        this.problems = List.copyOf(problems);
        this.current = current;
    }

    static PersonProblem of(Kind kind) {
        return new PersonProblem(kind, List.of(), null);
    }

    Kind kind() {
        return kind;
    }

    List<FieldProblem> problems() {
        return problems;
    }

    Object current() {
        return current;
    }
}
