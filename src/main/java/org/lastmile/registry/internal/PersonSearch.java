package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.PersonalData;
import org.lastmile.access.PersonalData.IndexKind;
import org.lastmile.access.Scope;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.registry.IdNumber;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finding persons in the user's scope. {@code q} is read for what it is: a whole ID or certificate
 * number, the last 6 or 4 characters of an ID, a mobile number or its last 4 digits (all through the
 * blind indexes), pinyin initials or full pinyin or their beginning ({@code zs}, {@code zhangs} find 张三),
 * or a name: its beginning (the surname), or for three characters or more any part of it.
 * Every predicate is an index lookup; the scope is the usual range predicate.
 */
@Component
class PersonSearch {

    record Filter(String q, String regionCode, Integer category, Integer grade, String lifeStatus, String tag) {
        Filter(String q, String regionCode, Integer category, Integer grade, String lifeStatus) {
            this(q, regionCode, category, grade, lifeStatus, null);
        }
    }

    /** The width of a prefecture's range of codes (PPCC00000000 to PPCC99999999): a range at least this wide is "wide". */
    private static final long WIDE_RANGE = 99_999_999L;
    /** A pinyin query's keys: those its letters begin (followed by the places they are read in). */
    private static final String KEY_RANGE = "k.key like :nameKey and ";
    /** The last four characters of an ID or of a phone: either half is read index-only on its own (see search). */
    private static final String TAIL_ID = "id_tail4_index = any(:idTail)";
    private static final String TAIL_PHONE = "phone_tail_index = any(:phoneTail)";
    private static final String TAIL_EITHER = "(" + TAIL_ID + " or " + TAIL_PHONE + ")";

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final PersonService persons;
    private final AuditLog audit;

    PersonSearch(JdbcClient jdbc, PersonalData personalData, PersonService persons, AuditLog audit) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.persons = persons;
        this.audit = audit;
    }

    /**
     * The SQL predicate of a filter in the user's scope, and the kind of query (for audit records). {@code keyPlaces}: for a
     * pinyin query, the places its keys are read in ({@code registry_person_name_key k}, the same scope), else null;
     * {@code where} then holds the keys as a semi-join, and {@code personWhere} is {@code where} without it. {@code wide}:
     * the places reach a prefecture or wider.
     */
    record Query(String where, Map<String, Object> params, String kind, String keyPlaces, String personWhere, boolean wide) {

        /** For a pinyin query, its predicate on the keys: the key's range within the places; else null. */
        String keyWhere() {
            return keyPlaces == null ? null : KEY_RANGE + keyPlaces;
        }
    }

    @Transactional
    PageResult<PersonRecord> search(Filter filter, CurrentUser user, PageRequest page) {
        Query query = query(filter, user);
        String where = query.where();
        Map<String, Object> params = query.params();
        String kind = query.kind();
        if (!params.containsKey("indexes") && !"last four".equals(kind)) {
            // Beyond a lookup by a blind index, the best plan depends on the values: a name's beginning walks the name index,
            // three characters read the trigrams, a common category or tag covers half a province and a rare one a few
            // persons. This transaction never takes the generic plan the driver's prepared statement could get after 5 runs.
            jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        }
        // A pinyin query or a name's beginning with no other filter finds its page in a narrow index and fetches only the page's
        // persons. Other filters need the person rows: then the matches are fetched and sorted.
        boolean onlyQ = filter.category() == null && filter.grade() == null
                && (filter.tag() == null || filter.tag().isBlank()) && (filter.lifeStatus() == null || filter.lifeStatus().isBlank());
        boolean keysOnly = query.keyWhere() != null && onlyQ;
        // A name (its beginning, or three characters anywhere) finds its page index-only and fetches only the page's persons: a
        // beginning walks the name index (text_pattern_ops: byte order, the database's C.UTF-8 order) and stops at the page,
        // so a province's ten thousand namesakes are not sorted; within a county the village index (which carries the name)
        // is read instead of every person of the county. With other filters the matches are fetched and sorted in the same
        // byte order (collate "C"), so that every page agrees whatever the database's collation.
        boolean narrow = onlyQ && ("name".equals(kind) || "name part".equals(kind));
        String byName = "name".equals(kind) ? " using ~<~" : " collate \"C\"";
        String order = kind.startsWith("name") ? "name collate \"C\", id" : "name, id";
        List<PersonRecord> items;
        long counted;
        if (keysOnly && query.wide() && params.get("nameKey") instanceof String key && key.length() >= 3) {   // two letters and the %
            // Over a prefecture or wider the keys of the query's first two letters are walked in name order to the page's end
            // (registry_person_name_key_by_name); a person with several spellings that match comes as many times in a row, once
            // in the page. The count reads the counted limit of key entries (more only when persons had several among them).
            params.put("firstTwo", key.substring(0, 2));
            // Two letters are the whole condition; with a third the planner may rather read that key's (short) range and sort it.
            items = jdbc.sql("select p.* from (select k.person_id as key_person, k.name collate \"C\" as key_name from registry_person_name_key k"
                            + " where left(k.key, 2) = :firstTwo and " + (key.length() == 3 ? query.keyPlaces() : query.keyWhere())
                            + " group by k.name collate \"C\", k.person_id order by k.name collate \"C\", k.person_id limit :limit offset :offset) page"
                            + " join registry_person p on p.id = page.key_person where " + query.personWhere() + " order by page.key_name, page.key_person")
                    .params(params).param("limit", page.size()).param("offset", page.offset()).query(persons::row).list();
            counted = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0) ? page.offset() + items.size()
                    : keyCount(query.keyWhere(), params);
        } else if (keysOnly) {
            // One pass over the keys' range gives both the page and the count (the matches are distinct and sorted anyway).
            long[] total = {0};
            items = jdbc.sql("with m as (select distinct k.person_id as key_person, k.name collate \"C\" as key_name from registry_person_name_key k"
                            + " where " + query.keyWhere() + ")"
                            + " select p.*, (select count(*) from m) as key_total from (select * from m order by key_name, key_person"
                            + " limit :limit offset :offset) page join registry_person p on p.id = page.key_person"
                            + " where " + query.personWhere() + " order by page.key_name, page.key_person")
                    .params(params).param("limit", page.size()).param("offset", page.offset()).query((rs, n) -> {
                        total[0] = rs.getLong("key_total");
                        return persons.row(rs, n);
                    }).list();
            counted = !items.isEmpty() ? Math.min(total[0], PageResult.COUNT_LIMIT + 1) : page.offset() == 0 ? 0
                    : jdbc.sql("select count(*) from (select distinct k.person_id from registry_person_name_key k where " + query.keyWhere()
                    + " limit " + (PageResult.COUNT_LIMIT + 1) + ") c").params(params).query(Long.class).single();
        } else if ("last four".equals(kind) && onlyQ) {
            // The few hundred persons of a province with those four digits (ID or phone) are found and sorted in the two tail
            // indexes (which carry village, name and id), and only the page's persons are fetched.
            String both = "select id, name from registry_person where " + where.replace(TAIL_EITHER, TAIL_ID)
                    + " union select id, name from registry_person where " + where.replace(TAIL_EITHER, TAIL_PHONE);
            items = jdbc.sql("select p.* from (select * from (" + both + ") u order by name collate \"C\", id limit :limit offset :offset) page join registry_person p on p.id = page.id"
                            + " order by page.name collate \"C\", page.id")
                    .params(params).param("limit", page.size()).param("offset", page.offset()).query(persons::row).list();
            counted = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0) ? page.offset() + items.size()
                    : jdbc.sql("select count(*) from (" + both + " limit " + (PageResult.COUNT_LIMIT + 1) + ") c").params(params).query(Long.class).single();
        } else {
            String sql = narrow
                    ? "select p.* from (select id as key_person, name as key_name from registry_person where " + where
                            + " order by name" + byName + ", id limit :limit offset :offset) page join registry_person p on p.id = page.key_person"
                            + " order by page.key_name" + byName + ", page.key_person"
                    : "select * from registry_person where " + where + " order by " + order + " limit :limit offset :offset";
            items = jdbc.sql(sql).params(params).param("limit", page.size()).param("offset", page.offset()).query(persons::row).list();
            // A page that is not full says how many there are; only a full one asks for the count.
            counted = items.size() < page.size() && (!items.isEmpty() || page.offset() == 0) ? page.offset() + items.size()
                    : jdbc.sql("select count(*) from (select 1 from registry_person where " + where + " limit " + (PageResult.COUNT_LIMIT + 1) + ") c")
                    .params(params).query(Long.class).single();
        }
        audit.record("PERSON_SEARCH", "person", null, null, AuditLog.Outcome.SUCCESS,
                "by " + kind + (filter.regionCode() == null ? "" : " in " + filter.regionCode()) + ", " + counted + " found");
        return PageResult.of(items, counted, page.page(), page.size());
    }

    /**
     * How many persons have a key in the range, counted to the limit: the first limit's worth of key entries, and only when
     * some persons had several of them (a polyphone's spellings: 张华长 has four beginning "zh") and the limit of persons
     * was not reached, twice as many, and so on until the entries run out or the limit is reached.
     */
    private long keyCount(String keyWhere, Map<String, Object> params) {
        long over = PageResult.COUNT_LIMIT + 1;
        for (long entries = over; ; entries *= 2) {
            long[] counts = jdbc.sql("select count(*), count(distinct person_id) from (select k.person_id from registry_person_name_key k where "
                            + keyWhere + " limit :entries) e")
                    .params(params).param("entries", entries).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            if (counts[0] < entries || counts[1] >= over) {
                return Math.min(counts[1], over);
            }
        }
    }

    Query query(Filter filter, CurrentUser user) {
        List<Scope.Range> ranges = new ArrayList<>(user.scope(Action.PERSON_READ).ranges());
        ranges.addAll(user.scope(Action.PERSON_LOOKUP).ranges());
        Scope readable = new Scope(Action.PERSON_READ, ranges, Set.of());
        Scope.Condition scope = readable.where("village_code");
        StringBuilder where = new StringBuilder(scope.sql());
        Map<String, Object> params = new HashMap<>(scope.params());
        String kind = predicate(filter.q(), where, params);
        String keyPlaces = null;
        if ("pinyin".equals(kind)) {
            Scope.Condition keyScope = readable.where("k.village_code");
            keyPlaces = keyScope.sql();
            params.putAll(keyScope.params());
        }
        // A prefecture or wider: the user's widest place, or the place asked for.
        boolean wide = ranges.stream().anyMatch(r -> r.last() - r.first() >= WIDE_RANGE);
        if (filter.regionCode() != null && !filter.regionCode().isBlank()) {
            RegionCode region = RegionCode.parse(filter.regionCode()).orElseThrow(() -> new PersonProblem(PersonProblem.Kind.INVALID,
                    List.of(new PersonProblem.FieldProblem("regionCode", "VILLAGE_UNKNOWN")), null));
            wide = wide && region.subtreeLast() - region.subtreeFirst() >= WIDE_RANGE;
            where.append(" and ").append(region.subtreeSql("village_code"));
            if (keyPlaces != null) {
                keyPlaces += " and " + region.subtreeSql("k.village_code");
            }
        }
        if (filter.category() != null) {
            // A category also finds the multiple disabilities that include it.
            where.append(" and categories @> array[cast(:category as smallint)]");
            params.put("category", filter.category());
        }
        if (filter.grade() != null) {
            where.append(" and disability_grade = :grade");
            params.put("grade", filter.grade());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            where.append(" and exists (select 1 from registry_household_member m join registry_household_tag t on t.household_id = m.household_id"
                    + " where m.person_id = registry_person.id and t.tag = :tag)");
            params.put("tag", filter.tag());
        }
        if (filter.lifeStatus() != null && !filter.lifeStatus().isBlank()) {
            where.append(" and life_status = :lifeStatus");
            params.put("lifeStatus", filter.lifeStatus());
        }
        String personWhere = where.toString();
        String full = keyPlaces == null ? personWhere
                : personWhere + " and id in (select k.person_id from registry_person_name_key k where " + KEY_RANGE + keyPlaces + ")";
        return new Query(full, params, kind, keyPlaces, personWhere, wide);
    }

    /** Adds the predicate for {@code q}; returns what kind of query it was (for the audit, never the value). */
    private String predicate(String raw, StringBuilder where, Map<String, Object> params) {
        String q = IdNumber.normalise(raw);
        if (q.isEmpty()) {
            return "filters";
        }
        if (q.length() >= 20 && q.length() <= 22 && IdNumber.parse(q.substring(0, 18)).valid()) {
            return byIndex(where, params, "id_index", IndexKind.ID_NUMBER, q.substring(0, 18), "certificate number");
        }
        IdNumber.Parsed id = IdNumber.parse(q);
        if ((q.length() == 18 || q.length() == 15) && id.valid()) {
            return byIndex(where, params, "id_index", IndexKind.ID_NUMBER, id.number().value(), "ID number");
        }
        if (q.matches("1\\d{10}")) {
            return byIndex(where, params, "phone_index", IndexKind.PHONE, q, "phone");
        }
        if (q.matches("\\d{5}[\\dX]")) {
            return byIndex(where, params, "id_tail6_index", IndexKind.ID_TAIL6, q, "ID tail");
        }
        if (q.matches("\\d{3}[\\dX]")) {
            where.append(" and ").append(TAIL_EITHER);
            params.put("idTail", personalData.blindIndexCandidates(IndexKind.ID_TAIL4, q).toArray(byte[][]::new));
            params.put("phoneTail", personalData.blindIndexCandidates(IndexKind.PHONE_TAIL4, q).toArray(byte[][]::new));
            return "last four";
        }
        String key = org.lastmile.registry.PersonNames.searchKey(raw);
        if (key.matches("[a-z]{1,40}")) {
            // Initials or full pinyin, whole or its beginning: the beginning of a whole key (registry_person_name_key).
            params.put("nameKey", key + "%");
            return "pinyin";
        }
        String name = org.lastmile.registry.PersonNames.normalise(raw);
        String escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        // Three characters or more may sit anywhere in the name (pg_trgm); fewer are the name's beginning (B-tree).
        boolean inside = name.codePointCount(0, name.length()) >= 3;
        where.append(" and name like :name escape '\\'");
        params.put("name", (inside ? "%" : "") + escaped + "%");
        return inside ? "name part" : "name";
    }

    private String byIndex(StringBuilder where, Map<String, Object> params, String column, IndexKind kind, String value, String label) {
        where.append(" and ").append(column).append(" = any(:indexes)");
        params.put("indexes", personalData.blindIndexCandidates(kind, value).toArray(byte[][]::new));
        return label;
    }
}
