package org.lastmile.registry;

import java.util.List;

/**
 * The registry's refusal of a change another module asked for through its API (an answer that does
 * not fit its item, a person not the user's to edit): each problem names its field and a code that the
 * registry's messages explain ({@code registry.error.CODE}).
 */
public class RegistryRefusal extends RuntimeException {

    public record Problem(String field, String code) {
    }

    private final boolean notFound;
    private final List<Problem> problems;

    public RegistryRefusal(boolean notFound, List<Problem> problems) {
        super(notFound ? "not found" : problems.toString());
        this.notFound = notFound;
        this.problems = List.copyOf(problems);
    }

    /** The person is absent or out of the user's scope. */
    public boolean notFound() {
        return notFound;
    }

    public List<Problem> problems() {
        return problems;
    }
}
