package org.lastmile.campaign.internal;

import java.util.List;

/** A refused campaign operation: invalid fields (400), a conflict (409), or absent or out of scope (404). */
class CampaignProblem extends RuntimeException {

    enum Kind { INVALID, CONFLICT, NOT_FOUND }

    record FieldProblem(String field, String code, Object... args) {
    }

    private final Kind kind;
    private final List<FieldProblem> problems;

    CampaignProblem(Kind kind, List<FieldProblem> problems) {
        super(kind.name());
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    static CampaignProblem invalid(String field, String code) {
        return new CampaignProblem(Kind.INVALID, List.of(new FieldProblem(field, code)));
    }

    static CampaignProblem notFound() {
        return new CampaignProblem(Kind.NOT_FOUND, List.of());
    }

    Kind kind() {
        return kind;
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
