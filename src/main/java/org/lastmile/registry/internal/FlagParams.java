package org.lastmile.registry.internal;

import org.lastmile.registry.FlagRule;
import org.lastmile.registry.HouseholdTag;
import org.lastmile.registry.internal.PersonProblem.FieldProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks a province's parameters for a rule: the same keys as the national defaults, each of the right shape. */
final class FlagParams {

    private FlagParams() {
    }

    static List<FieldProblem> check(FlagRule rule, Map<String, Object> params) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> defaults = FlagService.defaults(rule);
        for (String key : params.keySet()) {
            if (!defaults.containsKey(key)) {
                problems.add(new FieldProblem(key, "PARAM_UNKNOWN"));
            }
        }
        for (String key : defaults.keySet()) {
            Object value = params.get(key);
            boolean fits = switch (key) {
                case "grades", "severePhysicalGrades" -> numbers(value, 1, 4);
                case "categories" -> numbers(value, 1, 7);
                case "tags" -> value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(FlagParams::isTag);
                case "incomeBelow" -> value instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1_000_000;
                case "minAge", "maxAge" -> value instanceof Integer n && n >= 0 && n <= 120;
                case "days" -> value instanceof Integer n && n >= 1 && n <= 3650;
                case "extra" -> value instanceof List<?> list && list.stream().allMatch(e -> e instanceof Map<?, ?> m
                        && m.keySet().equals(java.util.Set.of("category", "grades")) && m.get("category") instanceof Integer c && c >= 1 && c <= 7
                        && numbers(m.get("grades"), 1, 4));
                default -> false;
            };
            if (!fits) {
                problems.add(new FieldProblem(key, "PARAM_INVALID"));
            }
        }
        if (problems.isEmpty() && params.get("minAge") instanceof Integer min && params.get("maxAge") instanceof Integer max && min > max) {
            problems.add(new FieldProblem("maxAge", "PARAM_INVALID"));
        }
        return problems;
    }

    private static boolean numbers(Object value, int low, int high) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof Integer n && n >= low && n <= high);
    }

    private static boolean isTag(Object value) {
        try {
            HouseholdTag.valueOf(String.valueOf(value));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
