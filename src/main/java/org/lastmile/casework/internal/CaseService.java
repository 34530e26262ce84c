package org.lastmile.casework.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Scope;
import org.lastmile.campaign.DifficultyReported;
import org.lastmile.casework.CaseChanged;
import org.lastmile.platform.AppClock;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.lastmile.registry.FlagRule;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Cases and their lifecycle: opened once per difficulty (or by hand, from a flag, from the hotline),
 * each transition checked against {@link CaseRules} under a row lock and recorded with who, when and
 * why; referrals and their answers; contacts and follow-ups; owners.
 */
@Service
@Transactional
public class CaseService {

    static final Set<String> DOMAINS = Set.of("POVERTY_RELIEF", "LIVING_ASSISTANCE", "REHABILITATION_MEDICAL", "EMPLOYMENT", "SCHOOLING",
            "CARE", "PRODUCTION", "HOME_ACCESSIBILITY", "OTHER");
    static final String SYSTEM = "system";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public record NewCase(String clientId, Long personId, String source, String sourceRef, String domain, String urgency, String description,
                   String unitCode) {
    }

    public record Transition(CaseAction action, String reason, Long departmentId, String ask, LocalDate dueOn, CaseRules.Answer answer,
                      String text, Long policyIssueId, String policyTitle) {
    }

    public record NewContact(String clientId, String mode, OffsetDateTime contactedAt, String spokeWith, String note, Boolean verification,
                      Boolean familyConfirms, LocalDate nextFollowUpOn) {
    }

    public record CaseView(long id, String source, long personId, String personName, Long householdId, String villageCode, String unitCode,
                    String owner, boolean ownerLeft, String domain, String urgency, String description, CaseStatus status,
                    OffsetDateTime deadline, boolean overdue, Long policyIssueId, String openedBy, OffsetDateTime openedAt,
                    OffsetDateTime resolvedAt, String resolution, OffsetDateTime closedAt, int version) {
    }

    public record Event(long id, String action, String fromStatus, String toStatus, String actor, OffsetDateTime at, String reason,
                 Map<String, Object> details) {
    }

    public record Referral(long id, long caseId, long departmentId, String departmentName, String ask, LocalDate dueOn, String status,
                    String referredBy, OffsetDateTime referredAt, String answer, String answeredBy, OffsetDateTime answeredAt,
                    boolean overdue) {
    }

    public record Contact(long id, String mode, OffsetDateTime contactedAt, String spokeWith, String note, boolean verification,
                   Boolean familyConfirms, String recordedBy) {
    }

    public record FollowUp(long id, long caseId, LocalDate dueOn, String assignedTo, String status, boolean overdue) {
    }

    public record CaseDetail(CaseView kase, List<Event> history, List<Referral> referrals, List<Contact> contacts, List<FollowUp> followUps,
                      Set<CaseAction> allowed) {
    }

    public record Opened(CaseView kase, boolean created) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Deadlines deadlines;
    private final Notifications notifications;
    private final Departments departments;
    private final Regions regions;
    private final Accounts accounts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    CaseService(JdbcClient jdbc, Clock clock, Deadlines deadlines, Notifications notifications, Departments departments, Regions regions,
                Accounts accounts, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.deadlines = deadlines;
        this.notifications = notifications;
        this.departments = departments;
        this.regions = regions;
        this.accounts = accounts;
        this.audit = audit;
    }

    // ----- opening -----

    /**
     * The case of a visit difficulty, once: a redelivered event meets the unique (source, source_ref)
     * and changes nothing. The township federation of the family's village is responsible.
     */
    boolean openFromDifficulty(DifficultyReported e) {
        Instant now = clock.instant();
        Long household = household(e.personId());
        long unit = RegionCode.of(e.villageCode()).prefixAt(RegionLevel.TOWNSHIP);
        Optional<Long> id = jdbc.sql("""
                        insert into casework_case (source, source_ref, person_id, household_id, village_code, unit_code, domain, urgency,
                                                   description, deadline, opened_by, opened_at)
                        values ('VISIT', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (source, source_ref) do nothing returning id""")
                .params("difficulty:" + e.difficultyId(), e.personId(), household, e.villageCode(), unit, e.domain(), e.urgency(),
                        e.description(), utc(deadlines.due(now, e.urgency(), e.villageCode())), e.reportedBy(), utc(now))
                .query(Long.class).optional();
        if (id.isEmpty()) {
            return false;
        }
        event(id.get(), "OPEN", null, CaseStatus.OPEN, e.reportedBy(), now, "VISIT", Map.of("difficultyId", e.difficultyId(),
                "campaignId", e.campaignId()));
        scheduleNext(id.get(), e.urgency(), now, e.reportedBy());
        notifications.send(notifications.unitWorkers(unit), "NEW", id.get(), null, "new:" + id.get());
        return true;
    }

    Opened open(NewCase form, CurrentUser user) {
        String hash = hash(form);
        if (form.clientId() != null) {
            UUID clientId = uuid(form.clientId());
            Optional<Object[]> stored = jdbc.sql("select id, body_hash from casework_case where client_id = ?").param(clientId)
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).optional();
            if (stored.isPresent()) {
                if (!hash.equals(stored.get()[1])) {
                    throw CaseProblem.conflict("CLIENT_ID_REUSED");
                }
                return new Opened(view((Long) stored.get()[0], user).orElseThrow(CaseProblem::notFound), false);
            }
        }
        if (form.personId() == null) {
            throw CaseProblem.invalid("personId", "PERSON_UNKNOWN");
        }
        Scope scope = user.scope(Action.CASE_OPEN);
        Scope.Condition inScope = scope.where("village_code");
        Long village = jdbc.sql("select village_code from registry_v_person where person_id = :id and " + inScope.sql())
                .param("id", form.personId()).params(inScope.params()).query(Long.class).optional()
                .orElseThrow(() -> CaseProblem.invalid("personId", "PERSON_UNKNOWN"));
        String source = form.source() == null || form.source().isBlank() ? "MANUAL" : form.source();
        String sourceRef = switch (source) {
            case "MANUAL" -> null;
            case "FLAG" -> {
                try {
                    yield "flag:" + FlagRule.valueOf(String.valueOf(form.sourceRef())).name() + ":" + form.personId();
                } catch (IllegalArgumentException e) {
                    throw CaseProblem.invalid("sourceRef", "FLAG_UNKNOWN");
                }
            }
            case "HOTLINE" -> {
                if (form.sourceRef() == null || form.sourceRef().isBlank() || form.sourceRef().length() > 40) {
                    throw CaseProblem.invalid("sourceRef", "SOURCE_REF_REQUIRED");
                }
                yield "hotline:" + form.sourceRef().strip();
            }
            default -> throw CaseProblem.invalid("source", "SOURCE_INVALID");
        };
        List<CaseProblem.FieldProblem> problems = new ArrayList<>();
        if (form.domain() == null || !DOMAINS.contains(form.domain())) {
            problems.add(new CaseProblem.FieldProblem("domain", "DOMAIN_INVALID"));
        }
        if (form.urgency() == null || !Deadlines.URGENCIES.contains(form.urgency())) {
            problems.add(new CaseProblem.FieldProblem("urgency", "URGENCY_INVALID"));
        }
        if (form.description() == null || form.description().isBlank() || form.description().length() > 500) {
            problems.add(new CaseProblem.FieldProblem("description", "DESCRIPTION_REQUIRED"));
        }
        long unit = RegionCode.of(village).prefixAt(RegionLevel.TOWNSHIP);
        if (form.unitCode() != null && !form.unitCode().isBlank()) {
            Optional<RegionCode> chosen = RegionCode.parse(form.unitCode());
            if (chosen.isEmpty() || !chosen.get().contains(village)
                    || chosen.get().levelByDigits() != RegionLevel.TOWNSHIP && chosen.get().levelByDigits() != RegionLevel.COUNTY) {
                problems.add(new CaseProblem.FieldProblem("unitCode", "UNIT_INVALID"));
            } else {
                unit = chosen.get().value();
            }
        }
        if (!problems.isEmpty()) {
            throw new CaseProblem(CaseProblem.Kind.INVALID, problems);
        }
        if (sourceRef != null) {
            Optional<Long> existing = jdbc.sql("select id from casework_case where source = ? and source_ref = ?").params(source, sourceRef)
                    .query(Long.class).optional();
            if (existing.isPresent()) {
                throw caseExists(existing.get(), user);
            }
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into casework_case (source, source_ref, client_id, body_hash, person_id, household_id, village_code, unit_code,
                                                   domain, urgency, description, deadline, opened_by, opened_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id""")
                .params(source, sourceRef, form.clientId() == null ? null : uuid(form.clientId()), hash, form.personId(),
                        household(form.personId()), village, unit, form.domain(), form.urgency(), form.description().strip(),
                        utc(deadlines.due(now, form.urgency(), village)), user.username(), utc(now))
                .query(Long.class).optional().orElse(-1L);
        if (id < 0) {
            return lostRace(form, sourceRef, source, hash, user);
        }
        event(id, "OPEN", null, CaseStatus.OPEN, user.username(), now, source, Map.of());
        scheduleNext(id, form.urgency(), now, user.username());
        notifications.send(notifications.unitWorkers(unit).stream().filter(u -> !u.equals(user.username())).toList(), "NEW", id, null,
                "new:" + id);
        audit.record("CASE_OPEN", "case", Long.toString(id), null, AuditLog.Outcome.SUCCESS, source);
        return new Opened(view(id, user).orElseThrow(), true);
    }

    /** The case a flag or ticket already is: its number only when the user may see it. */
    private CaseProblem caseExists(long existing, CurrentUser user) {
        return view(existing, user).isPresent() ? CaseProblem.conflict("CASE_EXISTS", String.valueOf(existing))
                : CaseProblem.conflict("CASE_EXISTS_ELSEWHERE");
    }

    /**
     * An insert that met a unique key a racing request had just taken (PostgreSQL waited for it to commit):
     * the stored case for a retry of the same request, else a conflict.
     */
    private Opened lostRace(NewCase form, String sourceRef, String source, String hash, CurrentUser user) {
        if (form.clientId() != null) {
            Optional<Object[]> stored = jdbc.sql("select id, body_hash from casework_case where client_id = ?").param(uuid(form.clientId()))
                    .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).optional();
            if (stored.isPresent()) {
                if (!hash.equals(stored.get()[1])) {
                    throw CaseProblem.conflict("CLIENT_ID_REUSED");
                }
                return new Opened(view((Long) stored.get()[0], user).orElseThrow(CaseProblem::notFound), false);
            }
        }
        throw jdbc.sql("select id from casework_case where source = ? and source_ref = ?").params(source, sourceRef).query(Long.class).optional()
                .map(existing -> caseExists(existing, user)).orElseGet(() -> CaseProblem.conflict("CLIENT_ID_REUSED"));
    }

    // ----- transitions -----

    CaseView transition(long id, Transition t, CurrentUser user) {
        if (t.action() == null) {
            throw CaseProblem.invalid("action", "ACTION_INVALID");
        }
        Row row = lock(id);
        Optional<Referral> openReferral = openReferral(id);
        boolean liaisonOfReferral = openReferral.isPresent()
                && user.scope(Action.REFERRAL_ANSWER).departmentIds().contains(openReferral.get().departmentId());
        if (!readable(row, user) && !(t.action() == CaseAction.ANSWER && liaisonOfReferral)) {
            throw CaseProblem.notFound();
        }
        Action needed = switch (t.action()) {
            case REFER -> Action.REFERRAL_MANAGE;
            case ANSWER -> Action.REFERRAL_MANAGE;
            default -> Action.CASE_MANAGE;
        };
        if (!(t.action() == CaseAction.ANSWER && liaisonOfReferral) && !user.scope(needed).covers(RegionCode.of(row.unitCode))) {
            throw new CaseProblem(CaseProblem.Kind.FORBIDDEN, List.of(new CaseProblem.FieldProblem(null, "NOT_YOUR_UNIT")));
        }
        Instant now = clock.instant();
        CaseStatus next = CaseRules.next(row.status, t.action(), facts(row, openReferral.isPresent()), t.answer());
        return apply(row, t, next, openReferral, user.username(), now, user);
    }

    /** The job's escalation of an overdue case, or (at the top) its overdue notice; false when it is no longer overdue. */
    boolean escalateOverdue(long id, Instant now) {
        Row row = lock(id);
        if (!row.status.active() || !row.deadline.toInstant().isBefore(now)) {
            return false;
        }
        if (RegionCode.of(row.unitCode).levelByDigits() == RegionLevel.PROVINCE) {
            if (row.deadline.equals(row.overdueNotifiedFor)) {
                return false;
            }
            List<String> recipients = row.owner != null && !row.ownerLeft ? List.of(row.owner) : notifications.unitWorkers(row.unitCode);
            notifications.send(recipients, "OVERDUE", id, null, "overdue:" + id + ":" + row.deadline.toInstant());
            jdbc.sql("update casework_case set overdue_notified_for = deadline where id = ?").param(id).update();
            return true;
        }
        CaseStatus next = CaseRules.next(row.status, CaseAction.ESCALATE, facts(row, openReferral(id).isPresent()), null);
        apply(row, new Transition(CaseAction.ESCALATE, "OVERDUE", null, null, null, null, null, null, null), next, Optional.empty(), SYSTEM, now, null);
        return true;
    }

    private CaseView apply(Row row, Transition t, CaseStatus next, Optional<Referral> openReferral, String actor, Instant now, CurrentUser user) {
        Map<String, Object> details = new LinkedHashMap<>();
        String reason = trimmed("reason", t.reason(), 500);
        switch (t.action()) {
            case START -> {
                if (row.owner == null || row.ownerLeft) {
                    jdbc.sql("update casework_case set owner = ?, owner_left = false where id = ?").params(actor, row.id).update();
                    details.put("owner", actor);
                }
            }
            case REFER -> {
                Department department = t.departmentId() == null ? null : departments.find(t.departmentId())
                        .filter(d -> RegionCode.of(d.divisionCode()).contains(row.villageCode)).orElse(null);
                if (department == null) {
                    throw CaseProblem.invalid("departmentId", "DEPARTMENT_INVALID");
                }
                String ask = trimmed("ask", t.ask(), 500);
                if (ask == null) {
                    throw CaseProblem.invalid("ask", "ASK_REQUIRED");
                }
                LocalDate today = now.atZone(AppClock.ZONE).toLocalDate();
                LocalDate due = t.dueOn() != null ? t.dueOn() : deadlines.dueDate(row.urgency, row.villageCode);
                if (due.isBefore(today)) {
                    throw CaseProblem.invalid("dueOn", "DUE_IN_PAST");
                }
                long referralId = jdbc.sql("""
                                insert into casework_referral (case_id, department_id, ask, due_on, referred_by, referred_at)
                                values (?, ?, ?, ?, ?, ?) returning id""")
                        .params(row.id, department.id(), ask, due, actor, utc(now)).query(Long.class).single();
                details.put("referralId", referralId);
                details.put("departmentId", department.id());
                details.put("departmentName", department.name());
                details.put("ask", ask);
                details.put("dueOn", due.toString());
                notifications.send(notifications.liaisons(department.id()), "REFERRED", row.id, referralId, "referral:" + referralId);
            }
            case ANSWER -> {
                Referral referral = openReferral.orElseThrow();
                if (t.answer() == null) {
                    throw CaseProblem.invalid("answer", "ANSWER_INVALID");
                }
                String text = trimmed("text", t.text(), 1000);
                if (t.answer().handsBack() && text == null) {
                    throw CaseProblem.invalid("text", t.answer() == CaseRules.Answer.DONE ? "DONE_TEXT_REQUIRED" : "DECLINE_REASON_REQUIRED");
                }
                if (t.answer() == CaseRules.Answer.ACCEPTED && "ACCEPTED".equals(referral.status())) {
                    throw CaseProblem.conflict("ALREADY_ACCEPTED");
                }
                jdbc.sql("update casework_referral set status = ?, answer = coalesce(?, answer), answered_by = ?, answered_at = ? where id = ?")
                        .params(t.answer().name(), text, actor, utc(now), referral.id()).update();
                details.put("referralId", referral.id());
                details.put("departmentName", referral.departmentName());
                details.put("answer", t.answer().name());
                if (text != null) {
                    details.put("text", text);
                }
                List<String> recipients = row.owner != null && !row.ownerLeft ? List.of(row.owner) : notifications.unitWorkers(row.unitCode);
                notifications.send(recipients, "ANSWERED", row.id, referral.id(), "answer:" + referral.id() + ":" + t.answer());
            }
            case ESCALATE -> {
                if (reason == null) {
                    throw CaseProblem.invalid("reason", "REASON_REQUIRED");
                }
                long above = above(row.unitCode);
                Instant deadline = deadlines.due(now, row.urgency, row.villageCode);
                jdbc.sql("update casework_case set unit_code = ?, owner = null, owner_left = false, deadline = ? where id = ?")
                        .params(above, utc(deadline), row.id).update();
                details.put("fromUnit", Long.toString(row.unitCode));
                details.put("toUnit", Long.toString(above));
                details.put("deadline", utc(deadline).toString());
                notifications.send(notifications.unitWorkers(above), "ESCALATED", row.id, null, "escalated:" + row.id + ":" + above + ":" + deadline);
            }
            case RESOLVE -> {
                String resolution = trimmed("text", t.text(), 1000);
                if (resolution == null) {
                    throw CaseProblem.invalid("text", "RESOLUTION_REQUIRED");
                }
                jdbc.sql("update casework_case set resolved_at = ?, resolution = ? where id = ?").params(utc(now), resolution, row.id).update();
                details.put("resolution", resolution);
            }
            case CLOSE -> {
                jdbc.sql("update casework_case set closed_at = ? where id = ?").params(utc(now), row.id).update();
                jdbc.sql("update casework_follow_up set status = 'CANCELLED' where case_id = ? and status = 'DUE'").param(row.id).update();
            }
            case REOPEN -> {
                if (reason == null) {
                    throw CaseProblem.invalid("reason", "REASON_REQUIRED");
                }
                Instant deadline = deadlines.due(now, row.urgency, row.villageCode);
                jdbc.sql("update casework_case set resolved_at = null, closed_at = null, deadline = ?, overdue_notified_for = null where id = ?")
                        .params(utc(deadline), row.id).update();
                details.put("deadline", utc(deadline).toString());
                boolean followUpDue = jdbc.sql("select exists (select 1 from casework_follow_up where case_id = ? and status = 'DUE')")
                        .param(row.id).query(Boolean.class).single();
                if (!followUpDue) {
                    scheduleNext(row.id, row.urgency, now, row.owner != null ? row.owner : actor);
                }
            }
            case RAISE_POLICY -> {
                long issue = policyIssue(row, t, actor, now);
                if (row.policyIssueId != null && row.policyIssueId == issue) {
                    throw CaseProblem.conflict("ALREADY_LINKED");
                }
                jdbc.sql("update casework_case set policy_issue_id = ? where id = ?").params(issue, row.id).update();
                details.put("policyIssueId", issue);
            }
        }
        jdbc.sql("update casework_case set status = ?, version = version + 1 where id = ?").params(next.name(), row.id).update();
        event(row.id, t.action().name(), row.status, next, actor, now, reason, details);
        if (user != null) {
            audit.record("CASE_" + t.action().name(), "case", Long.toString(row.id), null, AuditLog.Outcome.SUCCESS, row.status + " -> " + next);
        }
        return view(row.id, null).orElseThrow();
    }

    private long policyIssue(Row row, Transition t, String actor, Instant now) {
        if (t.policyIssueId() != null) {
            Long place = jdbc.sql("select place_code from casework_policy_issue where id = ? and status <> 'CLOSED'").param(t.policyIssueId())
                    .query(Long.class).optional().orElseThrow(() -> CaseProblem.invalid("policyIssueId", "POLICY_ISSUE_UNKNOWN"));
            if (!RegionCode.of(place).contains(row.villageCode)) {
                throw CaseProblem.invalid("policyIssueId", "POLICY_ISSUE_UNKNOWN");
            }
            return t.policyIssueId();
        }
        String title = trimmed("policyTitle", t.policyTitle(), 120);
        if (title == null) {
            throw CaseProblem.invalid("policyTitle", "POLICY_TITLE_REQUIRED");
        }
        return jdbc.sql("""
                        insert into casework_policy_issue (place_code, domain, title, description, raised_by, raised_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(row.unitCode, row.domain, title, trimmed("text", t.text(), 1000), actor, utc(now)).query(Long.class).single();
    }

    /**
     * A policy issue taken to the government (SUBMITTED) or settled (CLOSED), by a case worker whose scope
     * covers the place it was raised at; its cases go on either way.
     */
    void setPolicyIssueStatus(long issueId, String status, CurrentUser user) {
        if (!List.of("OPEN", "SUBMITTED", "CLOSED").contains(String.valueOf(status))) {
            throw CaseProblem.invalid("status", "STATUS_INVALID");
        }
        Long place = jdbc.sql("select place_code from casework_policy_issue where id = ? for update").param(issueId).query(Long.class).optional()
                .orElseThrow(CaseProblem::notFound);
        if (!user.scope(Action.CASE_MANAGE).covers(RegionCode.of(place))) {
            throw CaseProblem.notFound();
        }
        jdbc.sql("update casework_policy_issue set status = ? where id = ?").params(status, issueId).update();
        audit.record("POLICY_ISSUE_STATUS", "policy_issue", Long.toString(issueId), null, AuditLog.Outcome.SUCCESS, status);
    }

    /** The unit one level up: the parent place of the division tree. */
    private long above(long unitCode) {
        return regions.find(RegionCode.of(unitCode)).map(Region::parentCode)
                .orElseGet(() -> {
                    RegionCode unit = RegionCode.of(unitCode);
                    return unit.prefixAt(RegionLevel.ofNumber(unit.levelByDigits().number() - 1));
                });
    }

    private CaseRules.Facts facts(Row row, boolean referralOpen) {
        return facts(row.id, row.resolvedAt, row.unitCode, referralOpen);
    }

    private CaseRules.Facts facts(long caseId, OffsetDateTime resolvedAt, long unitCode, boolean referralOpen) {
        boolean verified = resolvedAt != null && jdbc.sql("""
                        select exists (select 1 from casework_contact where case_id = ? and verification and family_confirms and contacted_at >= ?)""")
                .params(caseId, resolvedAt).query(Boolean.class).single();
        return new CaseRules.Facts(referralOpen, verified, RegionCode.of(unitCode).levelByDigits() == RegionLevel.PROVINCE);
    }

    // ----- contacts, follow-ups, owners -----

    Contact addContact(long id, NewContact form, CurrentUser user) {
        Row row = lock(id);
        if (!user.scope(Action.CASE_OPEN).contains(row.villageCode)) {
            throw CaseProblem.notFound();
        }
        if (form.clientId() != null) {
            Optional<Long> caseOfClientId = jdbc.sql("select case_id from casework_contact where client_id = ?").param(uuid(form.clientId()))
                    .query(Long.class).optional();
            if (caseOfClientId.isPresent()) {
                if (caseOfClientId.get() != id) {
                    throw CaseProblem.conflict("CLIENT_ID_REUSED");
                }
                return contacts("where c.client_id = ?", uuid(form.clientId())).get(0);
            }
        }
        if (row.status == CaseStatus.CLOSED) {
            throw CaseProblem.conflict("CASE_CLOSED");
        }
        Instant now = clock.instant();
        List<CaseProblem.FieldProblem> problems = new ArrayList<>();
        if (form.mode() == null || !Set.of("HOME", "PHONE", "OTHER").contains(form.mode())) {
            problems.add(new CaseProblem.FieldProblem("mode", "MODE_INVALID"));
        }
        OffsetDateTime at = form.contactedAt() != null ? form.contactedAt() : utc(now);
        if (at.toInstant().isAfter(now.plusSeconds(300))) {
            problems.add(new CaseProblem.FieldProblem("contactedAt", "CONTACT_IN_FUTURE"));
        }
        String spokeWith = trimmed("spokeWith", form.spokeWith(), 60);
        if (spokeWith == null) {
            problems.add(new CaseProblem.FieldProblem("spokeWith", "SPOKE_WITH_REQUIRED"));
        }
        boolean verification = Boolean.TRUE.equals(form.verification());
        if (verification && form.familyConfirms() == null) {
            problems.add(new CaseProblem.FieldProblem("familyConfirms", "FAMILY_WORD_REQUIRED"));
        }
        if (form.nextFollowUpOn() != null && form.nextFollowUpOn().isBefore(now.atZone(AppClock.ZONE).toLocalDate())) {
            problems.add(new CaseProblem.FieldProblem("nextFollowUpOn", "DUE_IN_PAST"));
        }
        if (!problems.isEmpty()) {
            throw new CaseProblem(CaseProblem.Kind.INVALID, problems);
        }
        long contactId = jdbc.sql("""
                        insert into casework_contact (case_id, client_id, mode, contacted_at, spoke_with, note, verification, family_confirms,
                                                      recorded_by, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(id, form.clientId() == null ? null : uuid(form.clientId()), form.mode(), at, spokeWith, trimmed("note", form.note(), 1000),
                        verification, verification ? form.familyConfirms() : null, user.username(), utc(now))
                .query(Long.class).single();
        String assignee = jdbc.sql("select assigned_to from casework_follow_up where case_id = ? and status = 'DUE' order by due_on limit 1")
                .param(id).query(String.class).optional().orElse(user.username());
        jdbc.sql("update casework_follow_up set status = 'DONE', contact_id = ? where case_id = ? and status = 'DUE'").params(contactId, id).update();
        // Contact goes on until the case is closed (closing cancels what is still due).
        if (form.nextFollowUpOn() != null) {
            schedule(id, form.nextFollowUpOn(), assignee);
        } else {
            scheduleNext(id, row.urgency, at.toInstant(), assignee);
        }
        event(id, verification ? "VERIFY" : "CONTACT", null, null, user.username(), now, null,
                verification ? Map.of("familyConfirms", form.familyConfirms(), "mode", form.mode()) : Map.of("mode", form.mode()));
        audit.record("CASE_CONTACT", "case", Long.toString(id), null, AuditLog.Outcome.SUCCESS, form.mode());
        return contacts("where c.id = ?", contactId).get(0);
    }

    FollowUp scheduleFollowUp(long id, LocalDate dueOn, String assignedTo, CurrentUser user) {
        Row row = lock(id);
        if (!user.scope(Action.CASE_OPEN).contains(row.villageCode)) {
            throw CaseProblem.notFound();
        }
        if (row.status == CaseStatus.CLOSED) {
            throw CaseProblem.conflict("CASE_CLOSED");
        }
        if (dueOn == null || dueOn.isBefore(clock.instant().atZone(AppClock.ZONE).toLocalDate())) {
            throw CaseProblem.invalid("dueOn", "DUE_IN_PAST");
        }
        String assignee = assignedTo == null || assignedTo.isBlank() ? user.username() : assignedTo.strip();
        long village = row.villageCode;
        boolean reaches = accounts.find(assignee).filter(Accounts.AccountView::enabled).map(a -> a.grants().stream()
                .anyMatch(g -> g.role().allows(Action.CASE_OPEN) && g.regionCode() != null && RegionCode.of(g.regionCode()).contains(village)))
                .orElse(false);
        if (!reaches) {
            throw CaseProblem.invalid("assignedTo", "ACCOUNT_UNKNOWN");
        }
        long followUp = schedule(id, dueOn, assignee);
        audit.record("CASE_FOLLOW_UP", "case", Long.toString(id), null, AuditLog.Outcome.SUCCESS, dueOn.toString());
        event(id, "FOLLOW_UP", null, null, user.username(), clock.instant(), null, Map.of("dueOn", dueOn.toString(), "assignedTo", assignee));
        return followUps("where f.id = ?", followUp).get(0);
    }

    /** A new owner for a case (from the reassignment list when its owner's account was disabled): one who manages the unit. */
    CaseView reassign(long id, String owner, CurrentUser user) {
        Row row = lock(id);
        if (!readable(row, user)) {
            throw CaseProblem.notFound();
        }
        RegionCode unit = RegionCode.of(row.unitCode);
        if (!user.scope(Action.CASE_MANAGE).covers(unit)) {
            throw new CaseProblem(CaseProblem.Kind.FORBIDDEN, List.of(new CaseProblem.FieldProblem(null, "NOT_YOUR_UNIT")));
        }
        if (row.status == CaseStatus.CLOSED) {
            throw CaseProblem.conflict("CASE_CLOSED");
        }
        String name = owner == null ? "" : owner.strip();
        boolean manages = accounts.find(name).filter(Accounts.AccountView::enabled).map(a -> a.grants().stream()
                .anyMatch(g -> g.role().allows(Action.CASE_MANAGE) && covers(g, unit))).orElse(false);
        if (!manages) {
            throw CaseProblem.invalid("owner", "OWNER_INVALID");
        }
        Instant now = clock.instant();
        jdbc.sql("update casework_case set owner = ?, owner_left = false, version = version + 1 where id = ?").params(name, id).update();
        event(id, "ASSIGN", null, null, user.username(), now, null, Map.of("from", String.valueOf(row.owner), "to", name));
        audit.record("CASE_ASSIGN", "case", Long.toString(id), null, AuditLog.Outcome.SUCCESS, name);
        if (!name.equals(user.username())) {
            notifications.send(List.of(name), "REASSIGN", id, null, "assign:" + id + ":" + name + ":" + row.version);
        }
        return view(id, null).orElseThrow();
    }

    /** A disabled account's open cases wait on the reassignment list; its due follow-ups go back to the village's pool. */
    void ownerLeft(String username) {
        List<long[]> cases = jdbc.sql("update casework_case set owner_left = true where owner = ? and status <> 'CLOSED' returning id, unit_code")
                .param(username).query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).list();
        for (long[] c : cases) {
            notifications.send(notifications.unitWorkers(c[1]), "REASSIGN", c[0], null, "left:" + c[0] + ":" + username);
        }
        jdbc.sql("update casework_follow_up set assigned_to = null where assigned_to = ? and status = 'DUE'").param(username).update();
    }

    private static boolean covers(Grant grant, RegionCode unit) {
        if (grant.regionCode() == null) {
            return false;
        }
        RegionCode place = RegionCode.of(grant.regionCode());
        return place.subtreeFirst() <= unit.subtreeFirst() && unit.subtreeLast() <= place.subtreeLast();
    }

    /** The next regular contact: by urgency, from {@code from} (sudden 3 days, urgent 7, temporary 14, ongoing 30). */
    private void scheduleNext(long caseId, String urgency, Instant from, String assignee) {
        int days = switch (urgency) {
            case "SUDDEN" -> 3;
            case "URGENT" -> 7;
            case "TEMPORARY" -> 14;
            default -> 30;
        };
        schedule(caseId, from.atZone(AppClock.ZONE).toLocalDate().plusDays(days), assignee);
    }

    private long schedule(long caseId, LocalDate dueOn, String assignee) {
        return jdbc.sql("insert into casework_follow_up (case_id, due_on, assigned_to) values (?, ?, ?) returning id")
                .params(caseId, dueOn, assignee).query(Long.class).single();
    }

    // ----- reading -----

    /** The case with its history, referrals, contacts, follow-ups and the actions allowed now; audited. */
    @Transactional
    Optional<CaseDetail> detail(long id, CurrentUser user) {
        Optional<CaseView> view = view(id, user);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        CaseView c = view.get();
        List<Referral> referrals = referrals("where r.case_id = ? order by r.referred_at", id);
        boolean referralOpen = referrals.stream().anyMatch(r -> r.status().equals("ASKED") || r.status().equals("ACCEPTED"));
        audit.record("CASE_VIEW", "case", Long.toString(id), null, AuditLog.Outcome.SUCCESS, null);
        return Optional.of(new CaseDetail(c, history(id), referrals, contacts("where c.case_id = ? order by c.contacted_at", id),
                followUps("where f.case_id = ? order by f.due_on", id),
                CaseRules.allowed(c.status(), facts(id, c.resolvedAt(), Long.parseLong(c.unitCode()), referralOpen))));
    }

    /** One case as the user may see it (null user: no scope check, for the service's own answers). */
    Optional<CaseView> view(long id, CurrentUser user) {
        Scope.Condition scope = user == null ? new Scope.Condition("true", Map.of()) : user.scope(Action.CASE_OPEN).where("p.village_code");
        return jdbc.sql(CaseQueries.SELECT + " where c.id = :id and " + scope.sql()).param("id", id).params(scope.params())
                .param("now", utc(clock.instant())).query(CaseQueries::caseView).optional();
    }

    List<Event> history(long caseId) {
        return jdbc.sql("select id, action, from_status, to_status, actor, at, reason, details::text from casework_event where case_id = ? order by at, id")
                .param(caseId).query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getString(7), details(rs.getString(8)))).list();
    }

    List<Referral> referrals(String where, Object... params) {
        return jdbc.sql("""
                        select r.id, r.case_id, r.department_id, d.name, r.ask, r.due_on, r.status, r.referred_by, r.referred_at, r.answer,
                               r.answered_by, r.answered_at
                          from casework_referral r left join region_v_department d on d.id = r.department_id """ + " " + where)
                .params(List.of(params))
                .query((rs, n) -> {
                    LocalDate due = rs.getObject(6, LocalDate.class);
                    String status = rs.getString(7);
                    boolean open = status.equals("ASKED") || status.equals("ACCEPTED");
                    return new Referral(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), due, status,
                            rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getString(10), rs.getString(11),
                            rs.getObject(12, OffsetDateTime.class), open && due.isBefore(clock.instant().atZone(AppClock.ZONE).toLocalDate()));
                }).list();
    }

    List<Contact> contacts(String where, Object... params) {
        return jdbc.sql("""
                        select c.id, c.mode, c.contacted_at, c.spoke_with, c.note, c.verification, c.family_confirms, c.recorded_by
                          from casework_contact c """ + " " + where)
                .params(List.of(params))
                .query((rs, n) -> new Contact(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4),
                        rs.getString(5), rs.getBoolean(6), (Boolean) rs.getObject(7), rs.getString(8))).list();
    }

    List<FollowUp> followUps(String where, Object... params) {
        LocalDate today = clock.instant().atZone(AppClock.ZONE).toLocalDate();
        return jdbc.sql("select f.id, f.case_id, f.due_on, f.assigned_to, f.status from casework_follow_up f " + where)
                .params(List.of(params))
                .query((rs, n) -> {
                    LocalDate due = rs.getObject(3, LocalDate.class);
                    return new FollowUp(rs.getLong(1), rs.getLong(2), due, rs.getString(4), rs.getString(5),
                            rs.getString(5).equals("DUE") && due.isBefore(today));
                }).list();
    }

    Optional<Referral> openReferral(long caseId) {
        return referrals("where r.case_id = ? and r.status in ('ASKED', 'ACCEPTED')", caseId).stream().findFirst();
    }

    boolean readable(Row row, CurrentUser user) {
        return user.scope(Action.CASE_OPEN).contains(row.villageCode);
    }

    // ----- rows -----

    /** The columns a transition decides on. */
    static final class Row {
        long id;
        long villageCode;
        long unitCode;
        String owner;
        boolean ownerLeft;
        String urgency;
        String domain;
        CaseStatus status;
        OffsetDateTime deadline;
        OffsetDateTime resolvedAt;
        OffsetDateTime overdueNotifiedFor;
        Long policyIssueId;
        int version;
    }

    Row lock(long id) {
        return row(id, true);
    }

    private Row row(long id, boolean lock) {
        return jdbc.sql("""
                        select c.id, coalesce((select p.village_code from registry_v_person p where p.person_id = c.person_id), c.village_code),
                               c.unit_code, c.owner, c.owner_left, c.urgency, c.domain, c.status, c.deadline, c.resolved_at, c.overdue_notified_for,
                               c.policy_issue_id, c.version
                          from casework_case c where c.id = ?""" + (lock ? " for update of c" : ""))
                .param(id)
                .query((rs, n) -> {
                    Row row = new Row();
                    row.id = rs.getLong(1);
                    row.villageCode = rs.getLong(2);
                    row.unitCode = rs.getLong(3);
                    row.owner = rs.getString(4);
                    row.ownerLeft = rs.getBoolean(5);
                    row.urgency = rs.getString(6);
                    row.domain = rs.getString(7);
                    row.status = CaseStatus.valueOf(rs.getString(8));
                    row.deadline = rs.getObject(9, OffsetDateTime.class);
                    row.resolvedAt = rs.getObject(10, OffsetDateTime.class);
                    row.overdueNotifiedFor = rs.getObject(11, OffsetDateTime.class);
                    row.policyIssueId = (Long) rs.getObject(12);
                    row.version = rs.getInt(13);
                    return row;
                }).optional().orElseThrow(CaseProblem::notFound);
    }

    /** A step of the case's history; every step may change the figures (status, deadline), so it is announced. */
    private void event(long caseId, String action, CaseStatus from, CaseStatus to, String actor, Instant at, String reason, Map<String, Object> details) {
        events.publishEvent(new CaseChanged(caseId));
        jdbc.sql("insert into casework_event (case_id, action, from_status, to_status, actor, at, reason, details) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")
                .params(caseId, action, from == null ? null : from.name(), to == null ? null : to.name(), actor, utc(at), reason,
                        details.isEmpty() ? null : JSON.writeValueAsString(details))
                .update();
    }

    private Long household(long personId) {
        return jdbc.sql("select household_id from registry_v_household_member where person_id = ? limit 1").param(personId)
                .query(Long.class).optional().orElse(null);
    }

    /** A history entry's details, as stored (JSON). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> details(String json) {
        return json == null ? Map.of() : JSON.readValue(json, Map.class);
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String trimmed(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            throw CaseProblem.invalid(field, "TEXT_TOO_LONG");
        }
        return stripped;
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw CaseProblem.invalid("clientId", "CLIENT_ID_INVALID");
        }
    }

    private static String hash(NewCase form) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(form).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
