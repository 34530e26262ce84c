package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Masking;
import org.lastmile.access.PersonalData;
import org.lastmile.registry.HouseholdTag;
import org.lastmile.registry.internal.PersonProblem.FieldProblem;
import org.lastmile.registry.internal.PersonProblem.Kind;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Households: members (certified or not), the carer, and situation tags with since-date and source. */
@Service
@Transactional
public class HouseholdService {

    static final Set<String> RELATIONS = Set.of("HEAD", "SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDCHILD", "GRANDPARENT", "OTHER");

    public record Member(long id, Long personId, String name, String relation, boolean disabledUncertified) {
    }

    public record Tag(HouseholdTag tag, LocalDate since, String source) {
    }

    public record Household(long id, long villageCode, String address, boolean livingAlone, String carerName, String carerRelation,
                     String carerPhone, int version, List<Member> members, List<Tag> tags) {

        String etag() {
            return "\"" + version + "\"";
        }
    }

    record HouseholdForm(String villageCode, String address, Boolean livingAlone, String carerName, String carerRelation,
                         String carerPhone) {
    }

    record MemberForm(Long personId, String name, String relation, Boolean disabledUncertified) {
    }

    private final JdbcClient jdbc;
    private final PersonService persons;
    private final PersonalData personalData;
    private final Regions regions;
    private final AuditLog audit;

    HouseholdService(JdbcClient jdbc, PersonService persons, PersonalData personalData, Regions regions, AuditLog audit) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.personalData = personalData;
        this.regions = regions;
        this.audit = audit;
    }

    Household create(HouseholdForm form, CurrentUser user) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Long> village = Optional.ofNullable(form.villageCode()).flatMap(RegionCode::parse).flatMap(regions::find)
                .filter(r -> r.level() == RegionLevel.VILLAGE && !r.abolished()).map(r -> r.code());
        if (village.isEmpty()) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_UNKNOWN"));
        } else if (!user.scope(Action.PERSON_EDIT).contains(village.get())) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_OUT_OF_SCOPE"));
        }
        String phone = carerPhone(form.carerPhone(), problems);
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        long id = jdbc.sql("""
                insert into registry_household (village_code, address, living_alone, carer_name, carer_relation, carer_phone, carer_phone_index)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(village.get(), blank(form.address()), Boolean.TRUE.equals(form.livingAlone()), blank(form.carerName()),
                        blank(form.carerRelation()), personalData.encrypt(phone),
                        phone == null ? null : personalData.blindIndex(PersonalData.IndexKind.PHONE, phone))
                .query(Long.class).single();
        audit.record("HOUSEHOLD_CREATE", "household", Long.toString(id), null, AuditLog.Outcome.SUCCESS, null);
        return load(id).orElseThrow();
    }

    Optional<Household> read(long id, CurrentUser user) {
        Optional<Household> household = load(id).filter(h -> user.scope(Action.PERSON_READ).contains(h.villageCode())
                || user.scope(Action.PERSON_LOOKUP).contains(h.villageCode()));
        household.ifPresent(h -> audit.record("HOUSEHOLD_VIEW", "household", Long.toString(id), null, AuditLog.Outcome.SUCCESS, null));
        return household;
    }

    /**
     * Changes the address, living alone and the carer (a field left out stays as it is, a blank one is
     * cleared) if {@code expectedVersion} is still current.
     */
    Household update(long householdId, HouseholdForm form, Integer expectedVersion, CurrentUser user) {
        if (expectedVersion == null) {
            throw PersonProblem.of(Kind.PRECONDITION_REQUIRED);
        }
        Household current = editable(householdId, user, expectedVersion);
        List<FieldProblem> problems = new ArrayList<>();
        if (form.villageCode() != null && !form.villageCode().equals(Long.toString(current.villageCode()))) {
            problems.add(new FieldProblem("villageCode", "USE_TRANSFER"));
        }
        String phone = form.carerPhone() == null ? null : carerPhone(form.carerPhone(), problems);
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        jdbc.sql("""
                update registry_household set address = case when :keepAddress then address else :address end,
                       living_alone = coalesce(:alone, living_alone),
                       carer_name = case when :keepName then carer_name else :carerName end,
                       carer_relation = case when :keepRelation then carer_relation else :carerRelation end,
                       carer_phone = case when :keepPhone then carer_phone else :carerPhone end,
                       carer_phone_index = case when :keepPhone then carer_phone_index else :carerPhoneIndex end
                 where id = :id""")
                .param("keepAddress", form.address() == null).param("address", blank(form.address()))
                .param("alone", form.livingAlone())
                .param("keepName", form.carerName() == null).param("carerName", blank(form.carerName()))
                .param("keepRelation", form.carerRelation() == null).param("carerRelation", blank(form.carerRelation()))
                .param("keepPhone", form.carerPhone() == null).param("carerPhone", personalData.encrypt(phone))
                .param("carerPhoneIndex", phone == null ? null : personalData.blindIndex(PersonalData.IndexKind.PHONE, phone))
                .param("id", householdId).update();
        bump(householdId, expectedVersion);
        audit.record("HOUSEHOLD_UPDATE", "household", Long.toString(householdId), null, AuditLog.Outcome.SUCCESS, null);
        return load(householdId).orElseThrow();
    }

    Household addMember(long householdId, MemberForm form, CurrentUser user) {
        return addMember(householdId, form, null, user);
    }

    Household addMember(long householdId, MemberForm form, Integer expectedVersion, CurrentUser user) {
        Household household = editable(householdId, user, expectedVersion);
        List<FieldProblem> problems = new ArrayList<>();
        if (form.relation() == null || !RELATIONS.contains(form.relation())) {
            problems.add(new FieldProblem("relation", "CHOICE_INVALID"));
        }
        String name = form.name() == null ? null : org.lastmile.registry.PersonNames.normalise(form.name());
        if (form.personId() != null) {
            Optional<PersonRecord> person = persons.load(form.personId())
                    .filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()));
            if (person.isEmpty()) {
                problems.add(new FieldProblem("personId", "PERSON_UNKNOWN"));
            } else {
                name = person.get().name();
                boolean housed = jdbc.sql("select exists (select 1 from registry_household_member where person_id = ?)")
                        .param(form.personId()).query(Boolean.class).single();
                if (housed) {
                    problems.add(new FieldProblem("personId", "ALREADY_IN_A_HOUSEHOLD"));
                }
            }
        } else if (name == null || !org.lastmile.registry.PersonNames.valid(name)) {
            problems.add(new FieldProblem("name", "NAME_INVALID"));
        }
        if ("HEAD".equals(form.relation()) && household.members().stream().anyMatch(m -> m.relation().equals("HEAD"))) {
            problems.add(new FieldProblem("relation", "ONE_HEAD"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        jdbc.sql("insert into registry_household_member (household_id, person_id, name, relation, disabled_uncertified) values (?, ?, ?, ?, ?)")
                .params(householdId, form.personId(), name, form.relation(), Boolean.TRUE.equals(form.disabledUncertified())).update();
        bump(householdId, expectedVersion);
        audit.record("HOUSEHOLD_MEMBER_ADD", "household", Long.toString(householdId), null, AuditLog.Outcome.SUCCESS, form.relation());
        return load(householdId).orElseThrow();
    }

    Household removeMember(long householdId, long memberId, CurrentUser user) {
        return removeMember(householdId, memberId, null, user);
    }

    Household removeMember(long householdId, long memberId, Integer expectedVersion, CurrentUser user) {
        editable(householdId, user, expectedVersion);
        int removed = jdbc.sql("delete from registry_household_member where id = ? and household_id = ?").params(memberId, householdId).update();
        if (removed == 0) {
            throw PersonProblem.of(Kind.NOT_FOUND);
        }
        bump(householdId, expectedVersion);
        audit.record("HOUSEHOLD_MEMBER_REMOVE", "household", Long.toString(householdId), null, AuditLog.Outcome.SUCCESS, null);
        return load(householdId).orElseThrow();
    }

    /** Sets (or re-dates) a tag; the tag is the one source of truth for that status. */
    Household setTag(long householdId, String tagName, LocalDate since, String source, CurrentUser user) {
        return setTag(householdId, tagName, since, source, null, user);
    }

    Household setTag(long householdId, String tagName, LocalDate since, String source, Integer expectedVersion, CurrentUser user) {
        editable(householdId, user, expectedVersion);
        HouseholdTag tag = tag(tagName);
        List<FieldProblem> problems = new ArrayList<>();
        if (since == null) {
            problems.add(new FieldProblem("since", "DATE_REQUIRED"));
        } else if (since.isAfter(LocalDate.now())) {
            problems.add(new FieldProblem("since", "DATE_IN_FUTURE"));
        }
        if (source == null || source.isBlank() || source.length() > 40) {
            problems.add(new FieldProblem("source", "SOURCE_REQUIRED"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        jdbc.sql("""
                insert into registry_household_tag (household_id, tag, since, source, set_by) values (?, ?, ?, ?, ?)
                on conflict (household_id, tag) do update set since = excluded.since, source = excluded.source,
                       set_by = excluded.set_by, set_at = now()""")
                .params(householdId, tag.name(), since, source.strip(), user.username()).update();
        bump(householdId, expectedVersion);
        audit.record("HOUSEHOLD_TAG_SET", "household", Long.toString(householdId), null, AuditLog.Outcome.SUCCESS, tag.name());
        return load(householdId).orElseThrow();
    }

    Household clearTag(long householdId, String tagName, CurrentUser user) {
        return clearTag(householdId, tagName, null, user);
    }

    Household clearTag(long householdId, String tagName, Integer expectedVersion, CurrentUser user) {
        editable(householdId, user, expectedVersion);
        HouseholdTag tag = tag(tagName);
        jdbc.sql("delete from registry_household_tag where household_id = ? and tag = ?").params(householdId, tag.name()).update();
        bump(householdId, expectedVersion);
        audit.record("HOUSEHOLD_TAG_CLEAR", "household", Long.toString(householdId), null, AuditLog.Outcome.SUCCESS, tag.name());
        return load(householdId).orElseThrow();
    }

    /** The person's household; when none is recorded, a new one at the person's village and address with the person at its head. */
    Household ofPersonOrNew(PersonRecord person, CurrentUser user) {
        return ofPerson(person.id()).orElseGet(() -> {
            long created = create(new HouseholdForm(Long.toString(person.villageCode()), person.address(), false, null, null, null), user).id();
            return addMember(created, new MemberForm(person.id(), null, "HEAD", false), user);
        });
    }

    /** Certified persons of a village who belong to no recorded household yet (to add one without typing), by name. */
    List<Member> unhoused(long villageCode, int limit) {
        return jdbc.sql("""
                select p.id, p.name from registry_person p
                 where p.village_code = ? and p.life_status = 'ACTIVE'
                   and not exists (select 1 from registry_household_member m where m.person_id = p.id)
                 order by p.name limit ?""")
                .params(villageCode, limit)
                .query((rs, n) -> new Member(0, rs.getLong(1), rs.getString(2), null, false)).list();
    }

    /** The household a certified person belongs to, if recorded. */
    Optional<Household> ofPerson(long personId) {
        return jdbc.sql("select household_id from registry_household_member where person_id = ?").param(personId)
                .query(Long.class).optional().flatMap(this::load);
    }

    Optional<Household> load(long id) {
        return jdbc.sql("select * from registry_household where id = ?").param(id)
                .query((rs, n) -> new Household(rs.getLong("id"), rs.getLong("village_code"), rs.getString("address"),
                        rs.getBoolean("living_alone"), rs.getString("carer_name"), rs.getString("carer_relation"),
                        Masking.phone(personalData.decrypt(rs.getString("carer_phone"))), rs.getInt("version"), members(id), tags(id)))
                .optional();
    }

    private List<Member> members(long householdId) {
        return jdbc.sql("select id, person_id, name, relation, disabled_uncertified from registry_household_member where household_id = ? order by id")
                .param(householdId)
                .query((rs, n) -> new Member(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)))
                .list();
    }

    private List<Tag> tags(long householdId) {
        return jdbc.sql("select tag, since, source from registry_household_tag where household_id = ? order by tag")
                .param(householdId)
                .query((rs, n) -> new Tag(HouseholdTag.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class), rs.getString(3)))
                .list();
    }

    /** The household if the user may edit it; with an expected version, refused as stale (with the current one) unless it matches. */
    private Household editable(long id, CurrentUser user, Integer expectedVersion) {
        Household household = load(id).filter(h -> user.scope(Action.PERSON_EDIT).contains(h.villageCode()))
                .orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        if (expectedVersion != null && household.version() != expectedVersion) {
            throw new PersonProblem(Kind.STALE, List.of(), household);
        }
        return household;
    }

    private static String carerPhone(String raw, List<FieldProblem> problems) {
        String phone = raw == null || raw.isBlank() ? null : org.lastmile.registry.IdNumber.normalise(raw).replace("-", "");
        if (phone != null && !phone.matches("1\\d{10}|0\\d{9,11}|\\d{7,8}")) {
            problems.add(new FieldProblem("carerPhone", "PHONE_INVALID"));
        }
        return phone;
    }

    private static HouseholdTag tag(String name) {
        try {
            return HouseholdTag.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PersonProblem(Kind.INVALID, List.of(new FieldProblem("tag", "CHOICE_INVALID")), null);
        }
    }

    /** A new version; with an expected one, only if no one else wrote in between (else the whole change rolls back as stale). */
    private void bump(long householdId, Integer expectedVersion) {
        int bumped = jdbc.sql("update registry_household set version = version + 1 where id = :id and (cast(:expected as integer) is null or version = :expected)")
                .param("id", householdId).param("expected", expectedVersion).update();
        if (bumped == 0) {
            throw new PersonProblem(Kind.STALE, List.of(), load(householdId).orElseThrow());
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
