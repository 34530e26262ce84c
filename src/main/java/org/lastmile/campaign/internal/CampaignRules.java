package org.lastmile.campaign.internal;

import org.lastmile.registry.HouseholdTag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A campaign's screening rules as data: named criteria (each name is the reason a worker sees), each
 * all-of or any-of its conditions over the person, the certificate, the household's situation tags and
 * the status-and-needs answers, the criteria themselves any-of or all-of. They compile to SQL over the
 * registry's views ({@code p} is {@code registry_v_person}), with every value bound as a parameter.
 */
record CampaignRules(String match, List<Criterion> criteria) {

    record Criterion(String name, String match, List<Condition> conditions) {
    }

    /** {@code field}: tag, age, category, grade, sex, certificateExpiresWithinDays, answer (with {@code item}), flag (an open one). */
    record Condition(String field, String op, Object value, String item) {
    }

    /** The problems of the rules, each pointing at its place ({@code rules.criteria[1].conditions[0].op}). */
    List<CampaignProblem.FieldProblem> problems() {
        List<CampaignProblem.FieldProblem> problems = new ArrayList<>();
        if (!"ANY".equals(match) && !"ALL".equals(match)) {
            problems.add(new CampaignProblem.FieldProblem("rules.match", "MATCH_INVALID"));
        }
        if (criteria == null || criteria.isEmpty()) {
            problems.add(new CampaignProblem.FieldProblem("rules.criteria", "CRITERIA_REQUIRED"));
            return problems;
        }
        for (int i = 0; i < criteria.size(); i++) {
            Criterion c = criteria.get(i);
            String at = "rules.criteria[" + i + "]";
            if (c.name() == null || c.name().isBlank() || c.name().length() > 60) {
                problems.add(new CampaignProblem.FieldProblem(at + ".name", "NAME_REQUIRED"));
            }
            if (!"ANY".equals(c.match()) && !"ALL".equals(c.match())) {
                problems.add(new CampaignProblem.FieldProblem(at + ".match", "MATCH_INVALID"));
            }
            if (c.conditions() == null || c.conditions().isEmpty()) {
                problems.add(new CampaignProblem.FieldProblem(at + ".conditions", "CRITERIA_REQUIRED"));
                continue;
            }
            for (int j = 0; j < c.conditions().size(); j++) {
                String code = check(c.conditions().get(j));
                if (code != null) {
                    problems.add(new CampaignProblem.FieldProblem(at + ".conditions[" + j + "]", code));
                }
            }
        }
        return problems;
    }

    private static String check(Condition c) {
        Object v = c.value();
        return switch (c.field() == null ? "" : c.field()) {
            case "tag" -> ("has".equals(c.op()) || "lacks".equals(c.op())) && isTag(v) ? null : "CONDITION_INVALID";
            case "age" -> switch (c.op() == null ? "" : c.op()) {
                case "gte", "lte" -> v instanceof Integer ? null : "CONDITION_INVALID";
                case "between" -> v instanceof List<?> l && l.size() == 2 && l.stream().allMatch(x -> x instanceof Integer) ? null : "CONDITION_INVALID";
                default -> "CONDITION_INVALID";
            };
            case "category", "grade" -> "in".equals(c.op()) && v instanceof List<?> l && !l.isEmpty()
                    && l.stream().allMatch(x -> x instanceof Integer n && n >= 1 && n <= 7) ? null : "CONDITION_INVALID";
            case "sex" -> "eq".equals(c.op()) && ("MALE".equals(v) || "FEMALE".equals(v)) ? null : "CONDITION_INVALID";
            case "certificateExpiresWithinDays" -> "lte".equals(c.op()) && v instanceof Integer ? null : "CONDITION_INVALID";
            case "flag" -> "has".equals(c.op()) && isFlag(v) ? null : "CONDITION_INVALID";
            case "answer" -> c.item() != null && c.item().matches("[A-Z][0-9]{2}")
                    && ("answered".equals(c.op()) || ("eq".equals(c.op()) || "contains".equals(c.op())) && v instanceof String
                        || ("gte".equals(c.op()) || "lte".equals(c.op())) && v instanceof Number) ? null : "CONDITION_INVALID";
            default -> "FIELD_UNKNOWN";
        };
    }

    private static boolean isFlag(Object value) {
        try {
            org.lastmile.registry.FlagRule.valueOf(String.valueOf(value));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isTag(Object value) {
        try {
            HouseholdTag.valueOf(String.valueOf(value));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The SQL expression of the reasons a person of {@code p} matches: an array of the names of the matching
     * criteria (empty when none). Parameters go into {@code bind}.
     */
    String reasonsSql(Map<String, Object> bind, org.lastmile.registry.FlagScreening flags, org.lastmile.region.RegionCode place) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < criteria.size(); i++) {
            Criterion criterion = criteria.get(i);
            List<String> conditions = new ArrayList<>();
            for (int j = 0; j < criterion.conditions().size(); j++) {
                conditions.add(conditionSql(criterion.conditions().get(j), "c" + i + "_" + j + "_", bind, flags, place));
            }
            bind.put("name" + i, criterion.name());
            parts.add("case when (" + String.join("ALL".equals(criterion.match()) ? " and " : " or ", conditions) + ") then cast(:name" + i
                    + " as text) end");
        }
        return "array_remove(array[" + String.join(", ", parts) + "], null)";
    }

    /**
     * Whether nobody without a household tag can match: every criterion needed for a match holds only with some tag. The
     * screening then joins the tagged persons alone instead of testing every person of the place (the 2020 template).
     */
    boolean needsTag() {
        return "ALL".equals(match) ? criteria.stream().anyMatch(CampaignRules::needsTag) : criteria.stream().allMatch(CampaignRules::needsTag);
    }

    private static boolean needsTag(Criterion criterion) {
        java.util.function.Predicate<Condition> hasTag = c -> "tag".equals(c.field()) && "has".equals(c.op());
        return "ALL".equals(criterion.match()) ? criterion.conditions().stream().anyMatch(hasTag) : criterion.conditions().stream().allMatch(hasTag);
    }

    /** Whether the reasons found satisfy the rules: any criterion, or all of them. */
    String matchSql(String reasons) {
        return "ALL".equals(match) ? "cardinality(" + reasons + ") = " + criteria.size() : "cardinality(" + reasons + ") > 0";
    }

    private static String conditionSql(Condition c, String p, Map<String, Object> bind, org.lastmile.registry.FlagScreening flags,
                                       org.lastmile.region.RegionCode place) {
        switch (c.field()) {
            case "flag" -> {
                return "p.person_id in (" + flags.personsFlagged(org.lastmile.registry.FlagRule.valueOf(String.valueOf(c.value())), place, bind) + ")";
            }
            case "tag" -> {
                bind.put(p + "tag", String.valueOf(c.value()));
                // The person's tags come gathered once per person (pt.tags, see CampaignService.screenNow), not probed per condition.
                String has = "coalesce(:" + p + "tag = any(pt.tags), false)";
                return "has".equals(c.op()) ? has : "not " + has;
            }
            case "age" -> {
                if ("between".equals(c.op())) {
                    List<?> range = (List<?>) c.value();
                    bind.put(p + "lo", range.get(0));
                    bind.put(p + "hi", range.get(1));
                    return "p.age between :" + p + "lo and :" + p + "hi";
                }
                bind.put(p + "age", c.value());
                return "p.age " + ("gte".equals(c.op()) ? ">=" : "<=") + " :" + p + "age";
            }
            case "category" -> {
                bind.put(p + "set", ((List<?>) c.value()).stream().map(v -> ((Number) v).shortValue()).toArray(Short[]::new));
                return "p.categories && cast(:" + p + "set as smallint[])";
            }
            case "grade" -> {
                bind.put(p + "set", ((List<?>) c.value()).stream().map(v -> ((Number) v).intValue()).toArray(Integer[]::new));
                return "p.disability_grade = any(:" + p + "set)";
            }
            case "sex" -> {
                bind.put(p + "sex", c.value());
                return "p.sex = :" + p + "sex";
            }
            case "certificateExpiresWithinDays" -> {
                bind.put(p + "days", c.value());
                return "p.certificate_expires_on <= current_date + cast(:" + p + "days as integer)";
            }
            case "answer" -> {
                bind.put(p + "item", c.item());
                String answer = "exists (select 1 from registry_v_status_answer a where a.person_id = p.person_id and a.item = :" + p + "item";
                return switch (c.op()) {
                    case "answered" -> answer + " and a.value is not null)";
                    case "eq" -> {
                        bind.put(p + "v", c.value());
                        yield answer + " and a.value = to_jsonb(cast(:" + p + "v as text)))";
                    }
                    case "contains" -> {
                        bind.put(p + "v", c.value());
                        yield answer + " and a.value @> jsonb_build_array(cast(:" + p + "v as text)))";
                    }
                    default -> {
                        bind.put(p + "n", ((Number) c.value()).doubleValue());
                        yield answer + " and jsonb_typeof(a.value) = 'number' and (a.value #>> '{}')::numeric "
                                + ("gte".equals(c.op()) ? ">=" : "<=") + " :" + p + "n)";
                    }
                };
            }
            default -> throw new IllegalStateException(c.field());
        }
    }
}
