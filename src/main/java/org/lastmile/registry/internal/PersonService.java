package org.lastmile.registry.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.PersonalData.IndexKind;
import org.lastmile.access.PersonalData;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.lastmile.registry.CertificateNumber;
import org.lastmile.registry.DisabilityCategory;
import org.lastmile.registry.IdNumber;
import org.lastmile.registry.PersonMoved;
import org.lastmile.registry.PersonNames;
import org.lastmile.registry.internal.PersonProblem.FieldProblem;
import org.lastmile.registry.internal.PersonProblem.Kind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registering and changing certified persons: one person per ID number across the system, every
 * change kept as history, optimistic locking, every view audited, the scope rule on every read.
 */
@Service
@Transactional
class PersonService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Set<String> REGISTRATION_TYPES = Set.of("AGRICULTURAL", "NON_AGRICULTURAL");
    static final Set<String> MARITAL_STATUSES = Set.of("UNMARRIED", "MARRIED", "DIVORCED", "WIDOWED");

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final Regions regions;
    private final AuditLog audit;
    private final Map<String, Bucket> conflictBuckets = new ConcurrentHashMap<>();

    private final ApplicationEventPublisher events;

    PersonService(JdbcClient jdbc, PersonalData personalData, Regions regions, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.personalData = personalData;
        this.regions = regions;
        this.audit = audit;
    }

    /** A new person's row, checked and ready to store; the personal numbers are encrypted as it is stored. */
    record NewPerson(long villageCode, String name, IdNumber idNumber, CertificateNumber certificate, DisabilityCategory category, int grade,
                     LocalDate issuedOn, String address, String phone, String registrationType, String maritalStatus,
                     List<PersonForm.Component> components) {
    }

    PersonRecord register(PersonForm form, CurrentUser user, String source) {
        NewPerson person = check(form, user, regions::find);
        Optional<Long> existing = findByIdNumber(person.idNumber());
        if (existing.isPresent()) {
            PersonRecord other = load(existing.get()).orElseThrow();
            if (user.scope(Action.PERSON_READ).contains(other.villageCode())) {
                throw new PersonProblem(Kind.CONFLICT_HERE, List.of(new FieldProblem("idNumber", "ALREADY_REGISTERED", Long.toString(other.id()))), other);
            }
            // The one deliberate exception to "out of scope is 404": say it exists, never where; audited and rate limited.
            audit.recordRefusal("REGISTER_CONFLICT", "person", Long.toString(other.id()), null, "registered elsewhere");
            if (!conflictBucket(user.username()).tryConsume(1)) {
                throw PersonProblem.of(Kind.RATE_LIMITED);
            }
            throw new PersonProblem(Kind.CONFLICT_ELSEWHERE, List.of(new FieldProblem("idNumber", "REGISTERED_ELSEWHERE")), null);
        }
        Long personId = insertAll(List.of(person), user, source).get(person.idNumber().value());
        if (personId == null) {
            // Registered by someone else since the check above: answered as that conflict.
            return register(form, user, source);
        }
        audit.record("PERSON_CREATE", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS, source);
        return load(personId).orElseThrow();
    }

    /**
     * Everything {@link #register} checks of the form itself, without storing anything; {@code places} finds a
     * village (an import passes a lookup that remembers the villages of its file).
     */
    NewPerson check(PersonForm form, CurrentUser user, java.util.function.Function<RegionCode, Optional<Region>> places) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = PersonNames.normalise(form.name());
        if (!PersonNames.valid(name)) {
            problems.add(new FieldProblem("name", "NAME_INVALID"));
        }
        IdNumber.Parsed id = IdNumber.parse(form.idNumber());
        if (!id.valid()) {
            problems.add(new FieldProblem("idNumber", id.problem().name()));
        }
        DisabilityCategory category = form.disabilityCategory() == null ? null
                : DisabilityCategory.ofDigit(form.disabilityCategory()).orElse(null);
        if (category == null) {
            problems.add(new FieldProblem("disabilityCategory", "CATEGORY_INVALID"));
        }
        int grade = form.disabilityGrade() == null ? 0 : form.disabilityGrade();
        if (grade < 1 || grade > 4) {
            problems.add(new FieldProblem("disabilityGrade", "GRADE_INVALID"));
        }
        for (CertificateNumber.Problem p : CertificateNumber.check(form.certificateNumber(), id.number(), category, grade)) {
            problems.add(new FieldProblem("certificateNumber", p.name()));
        }
        List<PersonForm.Component> components = components(category, form.disabilityComponents(), problems);
        Optional<Region> village = village(form.villageCode(), problems, places);
        if (village.isPresent() && !user.scope(Action.PERSON_EDIT).contains(village.get().code())) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_OUT_OF_SCOPE"));
        }
        String phone = phone(form.phone(), problems);
        checkChoices(form, problems);
        if (form.certificateIssuedOn() != null && form.certificateIssuedOn().isAfter(LocalDate.now())) {
            problems.add(new FieldProblem("certificateIssuedOn", "DATE_IN_FUTURE"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        return new NewPerson(village.get().code(), name, id.number(), CertificateNumber.of(form.certificateNumber(), id.number(), category, grade),
                category, grade, form.certificateIssuedOn(), blankToNull(form.address()), phone, blankToNull(form.registrationType()),
                blankToNull(form.maritalStatus()), components);
    }

    /**
     * Stores checked new persons in one statement, each with the history line of its creation. A person whose ID
     * number was registered meanwhile is skipped (the unique blind index decides): the answer maps each ID number
     * stored to its new id, and leaves the skipped ones out.
     */
    Map<String, Long> insertAll(List<NewPerson> persons, CurrentUser user, String source) {
        int n = persons.size();
        Long[] villages = new Long[n];
        String[] names = new String[n];
        String[] keys = new String[n];
        String[] ids = new String[n];
        byte[][] idIndexes = new byte[n][];
        byte[][] tail6 = new byte[n][];
        byte[][] tail4 = new byte[n][];
        String[] certificates = new String[n];
        String[] sexes = new String[n];
        String[] births = new String[n];
        Integer[] categories = new Integer[n];
        Integer[] grades = new Integer[n];
        String[] issued = new String[n];
        String[] addresses = new String[n];
        String[] phones = new String[n];
        byte[][] phoneIndexes = new byte[n][];
        byte[][] phoneTails = new byte[n][];
        String[] registrations = new String[n];
        String[] maritals = new String[n];
        String[] components = new String[n];
        String[] allCategories = new String[n];
        Map<java.nio.ByteBuffer, String> numberOfIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            NewPerson p = persons.get(i);
            IdNumber number = p.idNumber();
            villages[i] = p.villageCode();
            names[i] = p.name();
            keys[i] = String.join(KEY_SEPARATOR, PersonNames.searchKeys(p.name()));
            ids[i] = personalData.encrypt(number.value());
            idIndexes[i] = personalData.blindIndex(IndexKind.ID_NUMBER, number.value());
            numberOfIndex.put(java.nio.ByteBuffer.wrap(idIndexes[i]), number.value());
            tail6[i] = personalData.blindIndex(IndexKind.ID_TAIL6, number.lastSix());
            tail4[i] = personalData.blindIndex(IndexKind.ID_TAIL4, number.lastFour());
            certificates[i] = personalData.encrypt(p.certificate().value());
            sexes[i] = number.sex().name();
            births[i] = number.birthDate().toString();
            categories[i] = p.category().digit();
            grades[i] = p.grade();
            issued[i] = p.issuedOn() == null ? null : p.issuedOn().toString();
            addresses[i] = p.address();
            phones[i] = personalData.encrypt(p.phone());
            phoneIndexes[i] = p.phone() == null ? null : personalData.blindIndex(IndexKind.PHONE, p.phone());
            phoneTails[i] = p.phone() == null ? null : personalData.blindIndex(IndexKind.PHONE_TAIL4, p.phone().substring(p.phone().length() - 4));
            registrations[i] = p.registrationType();
            maritals[i] = p.maritalStatus();
            components[i] = JSON.writeValueAsString(p.components());
            allCategories[i] = java.util.Arrays.stream(categories(p.category().digit(), p.components())).map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",", "{", "}"));
        }
        Map<String, Long> stored = new LinkedHashMap<>();
        List<Long> storedIds = new ArrayList<>();
        List<Long> storedVillages = new ArrayList<>();
        jdbc.sql("""
                        insert into registry_person (village_code, name, name_keys, id_number, id_index, id_tail6_index, id_tail4_index,
                               certificate_number, sex, birth_date, disability_category, disability_grade, certificate_issued_on,
                               certificate_expires_on, address, phone, phone_index, phone_tail_index, registration_type, marital_status,
                               components, categories)
                        select r.village, r.name, string_to_array(r.keys, :separator), r.id, r.id_index, r.tail6, r.tail4, r.certificate, r.sex,
                               r.birth::date, r.category, r.grade, r.issued::date, r.issued::date + interval '10 years', r.address, r.phone,
                               r.phone_index, r.phone_tail, r.registration, r.marital, r.components::jsonb, r.categories::smallint[]
                          from unnest(:villages::bigint[], :names::text[], :keys::text[], :ids::text[], :idIndexes::bytea[], :tail6::bytea[],
                                      :tail4::bytea[], :certificates::text[], :sexes::text[], :births::text[], :categories::int[], :grades::int[],
                                      :issued::text[], :addresses::text[], :phones::text[], :phoneIndexes::bytea[], :phoneTails::bytea[],
                                      :registrations::text[], :maritals::text[], :components::text[], :allCategories::text[])
                               as r(village, name, keys, id, id_index, tail6, tail4, certificate, sex, birth, category, grade, issued, address,
                                    phone, phone_index, phone_tail, registration, marital, components, categories)
                        on conflict (id_index) do nothing
                        returning id, id_index, village_code""")
                .param("separator", KEY_SEPARATOR).param("villages", villages).param("names", names).param("keys", keys).param("ids", ids)
                .param("idIndexes", idIndexes).param("tail6", tail6).param("tail4", tail4).param("certificates", certificates)
                .param("sexes", sexes).param("births", births).param("categories", categories).param("grades", grades)
                .param("issued", issued).param("addresses", addresses).param("phones", phones).param("phoneIndexes", phoneIndexes)
                .param("phoneTails", phoneTails).param("registrations", registrations).param("maritals", maritals)
                .param("components", components).param("allCategories", allCategories)
                .query(rs -> {
                    stored.put(numberOfIndex.get(java.nio.ByteBuffer.wrap(rs.getBytes(2))), rs.getLong(1));
                    storedIds.add(rs.getLong(1));
                    storedVillages.add(rs.getLong(3));
                });
        if (!storedIds.isEmpty()) {
            jdbc.sql("""
                            insert into registry_person_history (person_id, village_code, account, source, change, changes)
                            select h.id, h.village, :account, :source, 'CREATED', jsonb_build_object('villageCode', jsonb_build_object('to', h.village))
                              from unnest(:ids::bigint[], :villages::bigint[]) as h(id, village)""")
                    .param("account", user.username()).param("source", source).param("ids", storedIds.toArray(Long[]::new))
                    .param("villages", storedVillages.toArray(Long[]::new)).update();
        }
        return stored;
    }

    /** Joins a person's search keys into one text for the set-based insert; no key holds it. */
    private static final String KEY_SEPARATOR = "\u001f";

    /** The person when the user may read or look up its village; audited. Empty is a 404. */
    Optional<PersonRecord> read(long id, CurrentUser user) {
        Optional<PersonRecord> person = load(id).filter(p -> user.scope(Action.PERSON_READ).contains(p.villageCode())
                || user.scope(Action.PERSON_LOOKUP).contains(p.villageCode()));
        person.ifPresent(p -> audit.record("PERSON_VIEW", "person", Long.toString(id), null, AuditLog.Outcome.SUCCESS, null));
        return person;
    }

    /** Changes the given fields if {@code expectedVersion} is still current; a reassessment changes the certificate. */
    PersonRecord update(long id, PersonForm form, Integer expectedVersion, CurrentUser user, String source) {
        PersonRecord current = load(id).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        if (expectedVersion == null) {
            throw PersonProblem.of(Kind.PRECONDITION_REQUIRED);
        }
        if (current.version() != expectedVersion) {
            throw new PersonProblem(Kind.STALE, List.of(), current);
        }
        if (form.idNumber() != null || form.villageCode() != null) {
            List<FieldProblem> fixed = new ArrayList<>();
            if (form.idNumber() != null) {
                fixed.add(new FieldProblem("idNumber", "NOT_CHANGEABLE"));
            }
            if (form.villageCode() != null) {
                fixed.add(new FieldProblem("villageCode", "USE_TRANSFER"));
            }
            throw new PersonProblem(Kind.INVALID, fixed, null);
        }
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> changes = new LinkedHashMap<>();
        String name = form.name() == null ? current.name() : PersonNames.normalise(form.name());
        if (!PersonNames.valid(name)) {
            problems.add(new FieldProblem("name", "NAME_INVALID"));
        }
        String phone = form.phone() == null ? current.phone() : phone(form.phone(), problems);
        checkChoices(form, problems);
        int categoryDigit = form.disabilityCategory() == null ? current.category() : form.disabilityCategory();
        DisabilityCategory category = DisabilityCategory.ofDigit(categoryDigit).orElse(null);
        if (category == null) {
            problems.add(new FieldProblem("disabilityCategory", "CATEGORY_INVALID"));
        }
        int grade = form.disabilityGrade() == null ? current.grade() : form.disabilityGrade();
        if (grade < 1 || grade > 4) {
            problems.add(new FieldProblem("disabilityGrade", "GRADE_INVALID"));
        }
        List<PersonForm.Component> components = form.disabilityComponents() == null && categoryDigit == current.category()
                ? current.components() : components(category, form.disabilityComponents(), problems);
        boolean reassessed = categoryDigit != current.category() || grade != current.grade() || !components.equals(current.components());
        String certificateText = form.certificateNumber() != null ? form.certificateNumber() : current.certificateNumber();
        IdNumber holder = IdNumber.of(current.idNumber());
        for (CertificateNumber.Problem p : CertificateNumber.check(certificateText, holder, category, grade)) {
            // A new category or grade needs the new certificate number that goes with it.
            problems.add(new FieldProblem("certificateNumber", p.name()));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        String certificate = CertificateNumber.of(certificateText, holder, category, grade).value();
        track(changes, "name", current.name(), name);
        track(changes, "disabilityCategory", current.category(), categoryDigit);
        track(changes, "disabilityGrade", current.grade(), grade);
        track(changes, "disabilityComponents", JSON.writeValueAsString(current.components()), JSON.writeValueAsString(components));
        if (!certificate.equals(current.certificateNumber())) {
            changes.put("certificateNumber", mapOf("from", personalData.encrypt(current.certificateNumber()),
                    "to", personalData.encrypt(certificate)));
        }
        if (!Objects.equals(phone, current.phone())) {
            changes.put("phone", mapOf("from", personalData.encrypt(current.phone()), "to", personalData.encrypt(phone)));
        }
        String address = form.address() == null ? current.address() : blankToNull(form.address());
        track(changes, "address", current.address(), address);
        String registration = form.registrationType() == null ? current.registrationType() : blankToNull(form.registrationType());
        track(changes, "registrationType", current.registrationType(), registration);
        String marital = form.maritalStatus() == null ? current.maritalStatus() : blankToNull(form.maritalStatus());
        track(changes, "maritalStatus", current.maritalStatus(), marital);
        LocalDate issued = form.certificateIssuedOn() == null ? current.certificateIssuedOn() : form.certificateIssuedOn();
        track(changes, "certificateIssuedOn", current.certificateIssuedOn(), issued);
        if (changes.isEmpty()) {
            return current;
        }
        int updated = jdbc.sql("""
                update registry_person set name = :name, name_keys = :keys, certificate_number = :certificate,
                       disability_category = :category, disability_grade = :grade, certificate_issued_on = :issued,
                       certificate_expires_on = :expires, address = :address, phone = :phone, phone_index = :phoneIndex,
                       phone_tail_index = :phoneTail, registration_type = :registration, marital_status = :marital,
                       components = :components::jsonb, categories = :categories, version = version + 1, updated_at = now()
                 where id = :id and version = :version""")
                .param("name", name).param("keys", PersonNames.searchKeys(name).toArray(String[]::new))
                .param("certificate", personalData.encrypt(certificate)).param("category", categoryDigit).param("grade", grade)
                .param("issued", issued).param("expires", issued == null ? null : issued.plusYears(10))
                .param("address", address).param("phone", personalData.encrypt(phone))
                .param("phoneIndex", phone == null ? null : personalData.blindIndex(IndexKind.PHONE, phone))
                .param("phoneTail", phone == null ? null : personalData.blindIndex(IndexKind.PHONE_TAIL4, phone.substring(phone.length() - 4)))
                .param("registration", registration).param("marital", marital)
                .param("components", JSON.writeValueAsString(components)).param("categories", categories(categoryDigit, components))
                .param("id", current.id()).param("version", expectedVersion)
                .update();
        if (updated == 0) {
            throw new PersonProblem(Kind.STALE, List.of(), load(current.id()).orElseThrow());
        }
        history(current.id(), current.villageCode(), user, source, reassessed ? "REASSESSED" : "UPDATED", changes);
        audit.record("PERSON_UPDATE", "person", Long.toString(current.id()), null, AuditLog.Outcome.SUCCESS, String.join(",", changes.keySet()));
        return load(current.id()).orElseThrow();
    }

    static final Set<String> LIFE_STATUSES = Set.of("ACTIVE", "DECEASED", "MOVED_OUT", "CERTIFICATE_CANCELLED");

    /** Records a death, a move out of the area or a cancelled certificate (or a return to ACTIVE), with date and reason. */
    PersonRecord changeLifeStatus(long id, String status, LocalDate on, String reason, CurrentUser user, String source) {
        PersonRecord current = load(id).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        List<FieldProblem> problems = new ArrayList<>();
        if (status == null || !LIFE_STATUSES.contains(status)) {
            problems.add(new FieldProblem("status", "CHOICE_INVALID"));
        }
        if (!"ACTIVE".equals(status) && on == null) {
            problems.add(new FieldProblem("date", "DATE_REQUIRED"));
        }
        if (on != null && on.isAfter(LocalDate.now())) {
            problems.add(new FieldProblem("date", "DATE_IN_FUTURE"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        jdbc.sql("update registry_person set life_status = ?, life_status_on = ?, life_status_reason = ?, version = version + 1, "
                        + "updated_at = now() where id = ?")
                .params(status, on, blankToNull(reason), id).update();
        Map<String, Object> changes = new LinkedHashMap<>();
        track(changes, "lifeStatus", current.lifeStatus(), status);
        track(changes, "lifeStatusOn", current.lifeStatusOn(), on);
        track(changes, "lifeStatusReason", current.lifeStatusReason(), blankToNull(reason));
        history(id, current.villageCode(), user, source, "LIFE_STATUS", changes);
        audit.record("PERSON_LIFE_STATUS", "person", Long.toString(id), null, AuditLog.Outcome.SUCCESS, status);
        return load(id).orElseThrow();
    }

    /** Moves a person to another village the user may edit, keeping the record and its history. */
    PersonRecord transfer(long id, String villageCode, CurrentUser user, String source) {
        PersonRecord current = load(id).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Region> village = village(villageCode, problems);
        if (village.isPresent() && !user.scope(Action.PERSON_EDIT).contains(village.get().code())) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_OUT_OF_SCOPE"));
        }
        if (village.isPresent() && village.get().code() == current.villageCode()) {
            problems.add(new FieldProblem("villageCode", "SAME_VILLAGE"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        move(id, current.villageCode(), village.get().code(), user.username(), source);
        audit.record("PERSON_TRANSFER", "person", Long.toString(id), null, AuditLog.Outcome.SUCCESS,
                current.villageCode() + " -> " + village.get().code());
        return load(id).orElseThrow();
    }

    /** The record moves with its history; the history notes where from and to. */
    void move(long id, long from, long to, String account, String source) {
        jdbc.sql("update registry_person set village_code = ?, version = version + 1, updated_at = now() where id = ?").params(to, id).update();
        jdbc.sql("insert into registry_person_history (person_id, village_code, account, source, change, changes) "
                        + "values (?, ?, ?, ?, 'TRANSFERRED', ?::jsonb)")
                .params(id, to, account, source, JSON.writeValueAsString(Map.of("villageCode", mapOf("from", from, "to", to)))).update();
        events.publishEvent(new PersonMoved(id, from, to));
    }

    List<Map<String, Object>> history(long personId) {
        return jdbc.sql("select at, account, source, change, changes::text as changes from registry_person_history where person_id = ? order by id")
                .param(personId).query().listOfRows();
    }

    Optional<Long> findByIdNumber(IdNumber id) {
        return jdbc.sql("select id from registry_person where id_index = any(?)")
                .param(personalData.blindIndexCandidates(IndexKind.ID_NUMBER, id.value()).toArray(byte[][]::new))
                .query(Long.class).optional();
    }

    /** The ids of the persons of these ID numbers that are registered, by ID number (one statement for a chunk of an import). */
    Map<String, Long> findByIdNumbers(List<IdNumber> numbers) {
        Map<java.nio.ByteBuffer, String> numberOfIndex = new HashMap<>();
        for (IdNumber number : numbers) {
            personalData.blindIndexCandidates(IndexKind.ID_NUMBER, number.value())
                    .forEach(index -> numberOfIndex.put(java.nio.ByteBuffer.wrap(index), number.value()));
        }
        Map<String, Long> found = new HashMap<>();
        if (numberOfIndex.isEmpty()) {
            return found;
        }
        jdbc.sql("select id, id_index from registry_person where id_index = any(?)")
                .param(numberOfIndex.keySet().stream().map(b -> b.array()).toArray(byte[][]::new))
                .query(rs -> {
                    found.put(numberOfIndex.get(java.nio.ByteBuffer.wrap(rs.getBytes(2))), rs.getLong(1));
                });
        return found;
    }

    Optional<PersonRecord> load(long id) {
        return jdbc.sql("select * from registry_person where id = ?").param(id).query(this::row).optional();
    }

    PersonRecord row(ResultSet rs, int n) throws SQLException {
        return new PersonRecord(rs.getLong("id"), rs.getLong("village_code"), rs.getString("name"),
                personalData.decrypt(rs.getString("id_number")), personalData.decrypt(rs.getString("certificate_number")),
                rs.getString("sex"), rs.getObject("birth_date", LocalDate.class), rs.getInt("disability_category"),
                rs.getInt("disability_grade"), rs.getObject("certificate_issued_on", LocalDate.class),
                rs.getObject("certificate_expires_on", LocalDate.class), rs.getString("address"),
                personalData.decrypt(rs.getString("phone")), rs.getString("registration_type"), rs.getString("marital_status"),
                rs.getString("life_status"), rs.getObject("life_status_on", LocalDate.class), rs.getString("life_status_reason"),
                rs.getInt("version"), List.of(JSON.readValue(rs.getString("components"), PersonForm.Component[].class)));
    }

    /** A line of the person's history for a change made elsewhere in the registry (a household tag from a department's list). */
    void noteHistory(long personId, CurrentUser user, String source, String change, Map<String, ?> changes) {
        history(personId, load(personId).orElseThrow().villageCode(), user, source, change, changes);
    }

    private void history(long personId, long villageCode, CurrentUser user, String source, String change, Map<String, ?> changes) {
        jdbc.sql("insert into registry_person_history (person_id, village_code, account, source, change, changes) values (?, ?, ?, ?, ?, ?::jsonb)")
                .params(personId, villageCode, user.username(), source, change, JSON.writeValueAsString(changes)).update();
    }

    private Optional<Region> village(String code, List<FieldProblem> problems) {
        return village(code, problems, regions::find);
    }

    private Optional<Region> village(String code, List<FieldProblem> problems, java.util.function.Function<RegionCode, Optional<Region>> places) {
        Optional<Region> village = code == null || IdNumber.normalise(code).length() != 12 ? Optional.empty()
                : RegionCode.parse(IdNumber.normalise(code)).flatMap(places)
                .filter(r -> r.level() == RegionLevel.VILLAGE && !r.abolished());
        if (village.isEmpty()) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_UNKNOWN"));
        }
        return village;
    }

    /** A multiple disability names at least two distinct components of categories 1-6, each with a grade; others none. */
    static List<PersonForm.Component> components(DisabilityCategory category, List<PersonForm.Component> given,
                                                 List<FieldProblem> problems) {
        List<PersonForm.Component> components = given == null ? List.of() : given;
        if (category != DisabilityCategory.MULTIPLE) {
            if (!components.isEmpty()) {
                problems.add(new FieldProblem("disabilityComponents", "COMPONENTS_ONLY_FOR_MULTIPLE"));
            }
            return List.of();
        }
        boolean valid = components.size() >= 2
                && components.stream().allMatch(c -> c.category() != null && c.category() >= 1 && c.category() <= 6
                        && c.grade() != null && c.grade() >= 1 && c.grade() <= 4)
                && components.stream().map(PersonForm.Component::category).distinct().count() == components.size();
        if (!valid) {
            problems.add(new FieldProblem("disabilityComponents", "COMPONENTS_INVALID"));
            return List.of();
        }
        return components.stream().sorted(java.util.Comparator.comparing(PersonForm.Component::category)).toList();
    }

    /** Every category the person has: the main one and each component's. */
    static Short[] categories(int main, List<PersonForm.Component> components) {
        java.util.LinkedHashSet<Short> all = new java.util.LinkedHashSet<>();
        all.add((short) main);
        components.forEach(c -> all.add(c.category().shortValue()));
        return all.toArray(Short[]::new);
    }

    private static String phone(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String digits = IdNumber.normalise(raw).replace("-", "");
        if (!digits.matches("1\\d{10}|0\\d{9,11}|\\d{7,8}")) {
            problems.add(new FieldProblem("phone", "PHONE_INVALID"));
            return null;
        }
        return digits;
    }

    private static void checkChoices(PersonForm form, List<FieldProblem> problems) {
        if (form.registrationType() != null && !form.registrationType().isBlank() && !REGISTRATION_TYPES.contains(form.registrationType())) {
            problems.add(new FieldProblem("registrationType", "CHOICE_INVALID"));
        }
        if (form.maritalStatus() != null && !form.maritalStatus().isBlank() && !MARITAL_STATUSES.contains(form.maritalStatus())) {
            problems.add(new FieldProblem("maritalStatus", "CHOICE_INVALID"));
        }
    }

    private Bucket conflictBucket(String username) {
        return conflictBuckets.computeIfAbsent(username, u -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(20).refillGreedy(20, Duration.ofHours(1)).build()).build());
    }

    private static void track(Map<String, Object> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, mapOf("from", from, "to", to));
        }
    }

    private static Map<String, Object> mapOf(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1 == null ? null : v1.toString());
        map.put(k2, v2 == null ? null : v2.toString());
        return map;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
