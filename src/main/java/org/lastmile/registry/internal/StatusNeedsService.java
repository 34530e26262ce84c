package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.registry.FormDefinition;
import org.lastmile.registry.HouseholdTag;
import org.lastmile.registry.StatusNeeds;
import org.lastmile.registry.internal.PersonProblem.FieldProblem;
import org.lastmile.registry.internal.PersonProblem.Kind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The status-and-needs record of a person and year. Every save is a row of an append-only log (the items
 * it answered with their values, its source, date and who); the record shows the latest answer of each item of that year, or,
 * where the year has none yet, last year's as a proposal to confirm. An item that is a household
 * situation tag (低保, 特困...) is read from and written to the tag, never kept twice.
 */
@Service
@Transactional
public class StatusNeedsService implements StatusNeeds {

    /** One item of a record: asked or skipped, its value and where it came from ({@code carried}: last year's, to confirm). */
    public record ItemState(String code, String topic, FormDefinition.Type type, boolean asked, Object value, String source,
                            LocalDate answeredOn, String answeredBy, Integer answerYear, boolean carried) {
    }

    /** {@code version}: the newest save of this person and year, the record's ETag. */
    public record Record(long personId, int year, int formVersion, long version, int asked, int answered, List<ItemState> items) {
        public int completeness() {
            return asked == 0 ? 100 : answered * 100 / asked;
        }

        String etag() {
            return "\"" + version + "\"";
        }
    }

    private record Answer(long id, Object value, int year, String source, LocalDate on, String by) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** An item's value in a save as text, SQL null where the save cleared it. */
    private static final String VALUE = "nullif(e.value, 'null'::jsonb)::text";
    static final String TAG_SOURCE = "动态更新";

    private final JdbcClient jdbc;
    private final PersonService persons;
    private final HouseholdService households;
    private final FormDefinitions forms;
    private final AuditLog audit;

    StatusNeedsService(JdbcClient jdbc, PersonService persons, HouseholdService households, FormDefinitions forms, AuditLog audit) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.households = households;
        this.forms = forms;
        this.audit = audit;
    }

    Optional<Record> read(long personId, int year, CurrentUser user) {
        Optional<PersonRecord> person = persons.load(personId).filter(p -> user.scope(Action.PERSON_READ).contains(p.villageCode()));
        person.ifPresent(p -> audit.record("STATUS_NEEDS_VIEW", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS,
                Integer.toString(year)));
        return person.map(p -> load(p, year));
    }

    @Override
    public void record(long personId, Map<String, Object> answers, LocalDate on, Source source, CurrentUser user) {
        try {
            save(personId, on.getYear(), answers, null, source, on, user);
        } catch (PersonProblem e) {
            throw new org.lastmile.registry.RegistryRefusal(e.kind() == Kind.NOT_FOUND,
                    e.problems().stream().map(p -> new org.lastmile.registry.RegistryRefusal.Problem(p.field(), p.code())).toList());
        }
    }

    @Override
    public Optional<FormDefinition> form(int year) {
        return forms.forYear(FormDefinitions.STATUS_NEEDS, year);
    }

    @Override
    public Map<String, Object> latest(long personId, CurrentUser user) {
        Map<String, Object> latest = new HashMap<>();
        persons.load(personId).filter(p -> user.scope(Action.PERSON_READ).contains(p.villageCode()))
                .ifPresent(p -> jdbc.sql("select a.key, a.value::text from registry_status_current c cross join lateral jsonb_each(c.answers) a where c.person_id = ?")
                        .param(personId).query((rs, n) -> latest.put(rs.getString(1), JSON.readValue(rs.getString(2), Object.class))).list());
        return latest;
    }

    /**
     * Saves some answers of a year (a partial save is fine). With {@code expectedVersion}, refused as stale when an item
     * it changes was answered after that version. Answering an item the way it already stands this year writes nothing.
     */
    Record save(long personId, int year, Map<String, Object> answers, Long expectedVersion, Source source, LocalDate on, CurrentUser user) {
        PersonRecord person = persons.load(personId).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        FormDefinition form = formOf(year);
        if (year > LocalDate.now().getYear() || on.getYear() != year || on.isAfter(LocalDate.now())) {
            throw new PersonProblem(Kind.INVALID, List.of(new FieldProblem("year", "YEAR_INVALID")), null);
        }
        // Saves of one person's record take turns, so that the check "answered meanwhile?" and the write are one step.
        jdbc.sql("select id from registry_person where id = ? for update").param(personId).query(Long.class).single();
        Record current = load(person, year);
        Map<String, ItemState> states = new HashMap<>();
        current.items().forEach(i -> states.put(i.code(), i));
        Map<String, Object> merged = new HashMap<>();
        current.items().stream().filter(i -> i.value() != null).forEach(i -> merged.put(i.code(), i.value()));
        List<FieldProblem> problems = new ArrayList<>();
        for (var entry : answers.entrySet()) {
            Optional<FormDefinition.Item> item = form.item(entry.getKey());
            if (item.isEmpty()) {
                problems.add(new FieldProblem(entry.getKey(), "ITEM_UNKNOWN"));
            } else if (entry.getValue() != null) {
                FormDefinition.problem(item.get(), entry.getValue()).ifPresent(code -> problems.add(new FieldProblem(entry.getKey(), code)));
            }
            if (entry.getValue() == null) {
                merged.remove(entry.getKey());
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        FormDefinition.Person facts = facts(person, year);
        java.util.Set<String> refused = new java.util.HashSet<>();
        problems.forEach(p -> refused.add(p.field()));
        for (var entry : answers.entrySet()) {
            form.item(entry.getKey()).filter(i -> entry.getValue() != null && !refused.contains(i.code()) && !form.asked(i, merged, facts))
                    .ifPresent(i -> problems.add(new FieldProblem(i.code(), "ITEM_NOT_ASKED")));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        List<String> changed = answers.keySet().stream().filter(code -> {
            ItemState state = states.get(code);
            return state.carried() || !same(state.value(), answers.get(code));
        }).toList();
        if (expectedVersion != null && !changed.isEmpty()) {
            boolean answeredMeanwhile = jdbc.sql("select exists (select 1 from registry_status_save s where s.person_id = :person and s.year = :year"
                            + " and s.id > :version and exists (select 1 from jsonb_object_keys(s.answers) k where k in (:items)))")
                    .param("person", personId).param("year", year).param("items", changed).param("version", expectedVersion)
                    .query(Boolean.class).single();
            if (answeredMeanwhile) {
                throw new PersonProblem(Kind.STALE, List.of(), current);
            }
        }
        Map<String, Object> written = new LinkedHashMap<>();
        for (String code : changed) {
            FormDefinition.Item item = form.item(code).orElseThrow();
            if (item.type() == FormDefinition.Type.TAG) {
                setTag(person, HouseholdTag.valueOf(item.tag()), Boolean.TRUE.equals(answers.get(code)), on, user);
            } else {
                written.put(code, answers.get(code));
            }
        }
        if (!written.isEmpty()) {
            write(personId, year, written, source, on, user.username());
        }
        Record saved = load(person, year);
        jdbc.sql("""
                insert into registry_status_record (person_id, year, asked, answered, version) values (?, ?, ?, ?, ?)
                on conflict (person_id, year) do update set asked = excluded.asked, answered = excluded.answered,
                       version = excluded.version, updated_at = now()""")
                .params(personId, year, saved.asked(), saved.answered(), saved.version()).update();
        if (!changed.isEmpty()) {
            audit.recordFor(user.username(), "STATUS_NEEDS_SAVE", "person", Long.toString(personId), AuditLog.Outcome.SUCCESS,
                    year + " " + source + ": " + String.join(",", changed));
        }
        return saved;
    }

    /** One save of the log (its items as one object, a cleared item as null), and the latest answers updated with it. */
    private void write(long personId, int year, Map<String, Object> answers, Source source, LocalDate on, String by) {
        jdbc.sql("""
                insert into registry_status_save (person_id, year, answers, source, answered_on, answered_by)
                values (?, ?, ?::jsonb, ?, ?, ?)""")
                .params(personId, year, JSON.writeValueAsString(answers), source.name(), on, by).update();
        // The latest answer across years, for reading and for the flags; a late answer for an earlier year does not replace a
        // newer one (the data decides, not the clock: usually the index finds no later save at all).
        Map<String, Object> latest = new LinkedHashMap<>(answers);
        jdbc.sql("select distinct k from registry_status_save s cross join lateral jsonb_object_keys(s.answers) k where s.person_id = ? and s.year > ?")
                .params(personId, year).query(String.class).list().forEach(latest::remove);
        if (latest.isEmpty()) {
            return;
        }
        Map<String, Object> set = new LinkedHashMap<>();
        latest.forEach((item, value) -> {
            if (value != null) {
                set.put(item, value);
            }
        });
        String[] cleared = latest.keySet().stream().filter(item -> latest.get(item) == null).toArray(String[]::new);
        jdbc.sql("""
                insert into registry_status_current as c (person_id, answers) values (?, ?::jsonb)
                on conflict (person_id) do update set answers = (c.answers - ?::text[]) || excluded.answers""")
                .params(personId, JSON.writeValueAsString(set), cleared).update();
    }

    private void setTag(PersonRecord person, HouseholdTag tag, boolean present, LocalDate on, CurrentUser user) {
        if (present) {
            long household = households.ofPersonOrNew(person, user).id();
            households.setTag(household, tag.name(), on, TAG_SOURCE, user);
        } else {
            households.ofPerson(person.id()).ifPresent(h -> households.clearTag(h.id(), tag.name(), user));
        }
    }

    /** The record as it stands: this year's answers, last year's where none, household tags for tag items, skip rules applied. */
    Record load(PersonRecord person, int year) {
        Map<HouseholdTag, HouseholdService.Tag> tags = new HashMap<>();
        households.ofPerson(person.id()).ifPresent(h -> h.tags().forEach(t -> tags.put(t.tag(), t)));
        return compute(formOf(year), person.id(), facts(person, year), year, answers("a.year = :year", person.id(), year),
                answers("a.year < :year", person.id(), year), tags);
    }

    /** The record from what is known of the person (no database work): the form's items in order, skip rules applied. */
    private static Record compute(FormDefinition form, long personId, FormDefinition.Person facts, int year, Map<String, Answer> thisYear,
                                  Map<String, Answer> earlier, Map<HouseholdTag, HouseholdService.Tag> tags) {
        Map<String, Object> values = new HashMap<>();
        List<ItemState> items = new ArrayList<>();
        int asked = 0;
        int answered = 0;
        for (FormDefinition.Item item : form.items()) {
            ItemState state;
            if (item.type() == FormDefinition.Type.TAG) {
                HouseholdService.Tag tag = tags.get(HouseholdTag.valueOf(item.tag()));
                state = new ItemState(item.code(), item.topic(), item.type(), true, tag != null, "TAG", tag == null ? null : tag.since(),
                        tag == null ? null : tag.source(), null, false);
            } else {
                Answer mine = thisYear.get(item.code());
                Answer carried = mine == null ? earlier.get(item.code()) : null;
                Answer shown = mine != null ? mine : carried;
                state = shown == null
                        ? new ItemState(item.code(), item.topic(), item.type(), true, null, null, null, null, null, false)
                        : new ItemState(item.code(), item.topic(), item.type(), true, shown.value(), shown.source(), shown.on(), shown.by(),
                                shown.year(), carried != null);
            }
            if (state.value() != null) {
                values.put(item.code(), state.value());
            }
            boolean isAsked = form.asked(item, values, facts);
            if (isAsked && !item.optional()) {
                asked++;
                if (state.value() != null && !state.carried()) {
                    answered++;
                }
            }
            items.add(new ItemState(state.code(), state.topic(), state.type(), isAsked, state.value(), state.source(), state.answeredOn(),
                    state.answeredBy(), state.answerYear(), state.carried()));
        }
        long version = thisYear.values().stream().mapToLong(Answer::id).max().orElse(0);
        return new Record(personId, year, form.version(), version, asked, answered, items);
    }

    /**
     * Recomputes the completeness summary of every person of the villages in {@code region} for a year, in a few
     * set-wise reads (for answers written in bulk, such as the demo's, or after a new form version).
     */
    void summarise(org.lastmile.region.RegionCode region, int year) {
        FormDefinition form = formOf(year);
        Map<Long, Map<String, Answer>> thisYear = new HashMap<>();
        Map<Long, Map<String, Answer>> earlier = new HashMap<>();
        // The year is an int, written into the SQL: DISTINCT ON needs the very expression the ORDER BY starts with.
        String thisYearFirst = "(a.year = " + year + ")";
        jdbc.sql("select distinct on (a.person_id, e.key, " + thisYearFirst + ") a.id, e.key, " + VALUE + ", a.year, a.source, a.answered_on,"
                        + " a.answered_by, a.person_id from registry_status_save a join registry_person p on p.id = a.person_id"
                        + " cross join lateral jsonb_each(a.answers) e"
                        + " where " + region.subtreeSql("p.village_code") + " and a.year <= :year"
                        + " order by a.person_id, e.key, " + thisYearFirst + ", a.year desc, a.id desc")
                .param("year", year)
                .query((rs, n) -> {
                    Answer answer = answer(rs);
                    (answer.year() == year ? thisYear : earlier).computeIfAbsent(rs.getLong(8), k -> new HashMap<>()).putIfAbsent(rs.getString(2), answer);
                    return null;
                }).list();
        Map<Long, Map<HouseholdTag, HouseholdService.Tag>> tags = new HashMap<>();
        jdbc.sql("select m.person_id, t.tag, t.since, t.source from registry_household_tag t join registry_household_member m on m.household_id = t.household_id"
                        + " join registry_person p on p.id = m.person_id where " + region.subtreeSql("p.village_code"))
                .query((rs, n) -> tags.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(HouseholdTag.valueOf(rs.getString(2)),
                        new HouseholdService.Tag(HouseholdTag.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class), rs.getString(4))))
                .list();
        List<Object[]> rows = new ArrayList<>();
        // Only what the form's conditions read (age, categories, grade): no person's numbers are decrypted for a summary.
        jdbc.sql("select id, birth_date, categories, disability_grade from registry_person where " + region.subtreeSql("village_code")
                        + " and (id = any(?) or id = any(?))")
                .params(thisYear.keySet().toArray(Long[]::new), earlier.keySet().toArray(Long[]::new))
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    List<Integer> categories = new ArrayList<>();
                    for (Short category : (Short[]) rs.getArray(3).getArray()) {
                        categories.add(category.intValue());
                    }
                    FormDefinition.Person facts = facts(rs.getObject(2, LocalDate.class), categories, rs.getInt(4), year);
                    Record r = compute(form, id, facts, year, thisYear.getOrDefault(id, Map.of()), earlier.getOrDefault(id, Map.of()),
                            tags.getOrDefault(id, Map.of()));
                    if (r.version() > 0) {
                        rows.add(new Object[] {id, year, r.asked(), r.answered(), r.version()});
                    }
                    return null;
                }).list();
        for (int i = 0; i < rows.size(); i += 5000) {
            List<Object[]> batch = rows.subList(i, Math.min(rows.size(), i + 5000));
            jdbc.sql("""
                    insert into registry_status_record (person_id, year, asked, answered, version)
                    select * from unnest(?::bigint[], ?::smallint[], ?::smallint[], ?::smallint[], ?::bigint[])
                    on conflict (person_id, year) do update set asked = excluded.asked, answered = excluded.answered,
                           version = excluded.version, updated_at = now()""")
                    .params(batch.stream().map(r -> (Long) r[0]).toArray(Long[]::new),
                            batch.stream().map(r -> (short) (int) (Integer) r[1]).toArray(Short[]::new),
                            batch.stream().map(r -> (short) (int) (Integer) r[2]).toArray(Short[]::new),
                            batch.stream().map(r -> (short) (int) (Integer) r[3]).toArray(Short[]::new),
                            batch.stream().map(r -> (Long) r[4]).toArray(Long[]::new))
                    .update();
        }
    }

    private static Answer answer(java.sql.ResultSet rs) throws java.sql.SQLException {
        String json = rs.getString(3);
        return new Answer(rs.getLong(1), json == null ? null : JSON.readValue(json, Object.class), rs.getInt(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getString(7));
    }

    private Map<String, Answer> answers(String yearPredicate, long personId, int year) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        jdbc.sql("select distinct on (e.key) a.id, e.key, " + VALUE + ", a.year, a.source, a.answered_on, a.answered_by"
                        + " from registry_status_save a cross join lateral jsonb_each(a.answers) e"
                        + " where a.person_id = :person and " + yearPredicate + " order by e.key, a.year desc, a.id desc")
                .param("person", personId).param("year", year)
                .query((rs, n) -> answers.put(rs.getString(2), answer(rs))).list();
        return answers;
    }

    private FormDefinition formOf(int year) {
        return forms.forYear(FormDefinitions.STATUS_NEEDS, year)
                .orElseThrow(() -> new PersonProblem(Kind.INVALID, List.of(new FieldProblem("year", "NO_FORM_FOR_YEAR")), null));
    }

    /** Age at the end of the record's year (or today, for this year), every category the person has, the grade. */
    static FormDefinition.Person facts(PersonRecord person, int year) {
        List<Integer> categories = new ArrayList<>(List.of(person.category()));
        person.components().forEach(c -> categories.add(c.category()));
        return facts(person.birthDate(), categories, person.grade(), year);
    }

    static FormDefinition.Person facts(LocalDate birthDate, List<Integer> categories, int grade, int year) {
        LocalDate at = LocalDate.of(year, 12, 31).isAfter(LocalDate.now()) ? LocalDate.now() : LocalDate.of(year, 12, 31);
        return new FormDefinition.Person(Period.between(birthDate, at).getYears(), categories, grade);
    }

    private static boolean same(Object a, Object b) {
        return Objects.equals(a == null ? null : JSON.valueToTree(a), b == null ? null : JSON.valueToTree(b))
                || a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }
}
