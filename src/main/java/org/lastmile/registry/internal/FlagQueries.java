package org.lastmile.registry.internal;

import org.lastmile.registry.FlagRule;

import java.util.List;
import java.util.Map;

/**
 * The SQL of each rule: {@code select rule, person_id, name, village_code, evidence} over the persons
 * that {@code base} selects, reading the latest status-and-needs answers (one object a person in {@code registry_status_current})
 * and the household tags. Parameters are bound under names prefixed by the rule, so rules can be unioned.
 */
final class FlagQueries {

    private FlagQueries() {
    }

    private static String answer(String alias, String item) {
        return " left join lateral (select c.answers -> '" + item + "' as value from registry_status_current c where c.person_id = p.id) " + alias
                + " on true";
    }

    private static String hasTag(String param) {
        return "exists (select 1 from registry_household_member hm join registry_household_tag ht on ht.household_id = hm.household_id"
                + " where hm.person_id = p.id and ht.tag = any(:" + param + "))";
    }

    private static String tagsOf() {
        return "(select coalesce(jsonb_agg(ht.tag order by ht.tag), '[]') from registry_household_member hm"
                + " join registry_household_tag ht on ht.household_id = hm.household_id where hm.person_id = p.id)";
    }

    @SuppressWarnings("unchecked")
    static String sql(FlagRule rule, Map<String, Object> params, String base, Map<String, Object> bind) {
        String p = rule.name().toLowerCase() + "_";
        String head = "select '" + rule.name() + "'::text as rule, p.id as person_id, p.name, p.village_code, ";
        return switch (rule) {
            case NURSING_SUBSIDY -> {
                bind.put(p + "grades", ints(params.get("grades")));
                StringBuilder eligible = new StringBuilder("p.disability_grade = any(:" + p + "grades)");
                List<Map<String, Object>> extra = (List<Map<String, Object>>) params.getOrDefault("extra", List.of());
                for (int i = 0; i < extra.size(); i++) {
                    bind.put(p + "cat" + i, ((Number) extra.get(i).get("category")).shortValue());
                    bind.put(p + "gr" + i, ints(extra.get(i).get("grades")));
                    eligible.append(" or (p.categories @> array[cast(:").append(p).append("cat").append(i)
                            .append(" as smallint)] and p.disability_grade = any(:").append(p).append("gr").append(i).append("))");
                }
                yield head + "jsonb_build_object('grade', p.disability_grade, 'categories', to_jsonb(p.categories), 'received', s.value)"
                        + " as evidence from registry_person p" + answer("s", "S03")
                        + " where " + base + " and (" + eligible + ") and not coalesce(s.value @> '[\"NURSING_SUBSIDY\"]', false)";
            }
            case LIVING_ALLOWANCE -> {
                bind.put(p + "tags", strings(params.get("tags")));
                yield head + "jsonb_build_object('tags', " + tagsOf() + ", 'received', s.value) as evidence from registry_person p"
                        + answer("s", "S03") + " where " + base + " and " + hasTag(p + "tags")
                        + " and not coalesce(s.value @> '[\"LIVING_ALLOWANCE\"]', false)";
            }
            case DIBAO -> {
                bind.put(p + "tags", strings(params.get("tags")));
                bind.put(p + "income", ((Number) params.getOrDefault("incomeBelow", 0)).doubleValue());
                bind.put(p + "covered", new String[] {"DIBAO", "TEKUN"});
                yield head + "jsonb_build_object('tags', " + tagsOf() + ", 'incomePerHead', e.value) as evidence from registry_person p"
                        + answer("e", "E01") + " where " + base + " and (" + hasTag(p + "tags")
                        + " or (jsonb_typeof(e.value) = 'number' and (e.value #>> '{}')::numeric < :" + p + "income))"
                        + " and not " + hasTag(p + "covered");
            }
            case REHABILITATION -> head + "jsonb_build_object('needed', n.value, 'received', r.value) as evidence from registry_person p"
                    + answer("n", "H04") + answer("r", "H03") + " where " + base + " and jsonb_typeof(n.value) = 'array'"
                    + " and exists (select 1 from jsonb_array_elements_text(n.value) need where need <> 'NONE'"
                    + " and not coalesce(r.value @> to_jsonb(need), false))";
            case HOME_ACCESSIBILITY -> head + "jsonb_build_object('needed', a.value, 'received', d.value) as evidence from registry_person p"
                    + answer("a", "A02") + answer("d", "A01") + " where " + base + " and a.value = '\"YES\"'::jsonb";
            case CUSTODIAL_CARE -> {
                bind.put(p + "min", ((Number) params.get("minAge")).intValue());
                bind.put(p + "max", ((Number) params.get("maxAge")).intValue());
                bind.put(p + "cats", shorts(params.get("categories")));
                bind.put(p + "severe", ints(params.get("severePhysicalGrades")));
                yield head + "jsonb_build_object('age', date_part('year', age(current_date, p.birth_date)), 'needed', n.value,"
                        + " 'received', r.value) as evidence from registry_person p" + answer("n", "S07") + answer("r", "S06")
                        + " where " + base + " and date_part('year', age(current_date, p.birth_date)) between :" + p + "min and :" + p + "max"
                        + " and (p.categories && cast(:" + p + "cats as smallint[]) or (p.categories @> array[cast(4 as smallint)]"
                        + " and p.disability_grade = any(:" + p + "severe)))"
                        + " and n.value is not null and n.value <> '\"NONE\"'::jsonb and (r.value is null or r.value = '\"NONE\"'::jsonb)";
            }
            case CERTIFICATE_EXPIRING -> {
                bind.put(p + "days", ((Number) params.get("days")).intValue());
                yield head + "jsonb_build_object('expiresOn', p.certificate_expires_on) as evidence from registry_person p"
                        + " where " + base + " and p.certificate_expires_on <= current_date + cast(:" + p + "days as integer)";
            }
            case UNCERTIFIED_MEMBER -> head + "jsonb_build_object('members', jsonb_agg(u.name order by u.id)) as evidence"
                    // From the few members marked disabled without a certificate to their household's first certified member.
                    + " from registry_household_member u"
                    + " join registry_person p on p.id = (select min(x.person_id) from registry_household_member x where x.household_id = u.household_id)"
                    + " where u.disabled_uncertified and " + base + " group by p.id, p.name, p.village_code";
        };
    }

    private static Integer[] ints(Object list) {
        return ((List<?>) list).stream().map(v -> ((Number) v).intValue()).toArray(Integer[]::new);
    }

    private static Short[] shorts(Object list) {
        return ((List<?>) list).stream().map(v -> ((Number) v).shortValue()).toArray(Short[]::new);
    }

    private static String[] strings(Object list) {
        return ((List<?>) list).stream().map(Object::toString).toArray(String[]::new);
    }
}
