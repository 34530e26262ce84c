package org.lastmile.casework.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Role;
import org.lastmile.access.Scope;
import org.lastmile.platform.AppClock;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The lists casework is read through, each within the user's scope: case lists (overdue first), the
 * follow-ups due, the family timeline, a department's inbox, the policy-issue report and the leaders'
 * counts (figures only).
 */
@Service
@Transactional(readOnly = true)
public class CaseQueries {

    static final String ACTIVE = "('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED')";
    static final String SELECT = """
            select c.id, c.source, c.person_id, p.name, c.household_id, p.village_code, c.unit_code, c.owner, c.owner_left, c.domain,
                   c.urgency, c.description, c.status, c.deadline, (c.status in ('OPEN', 'IN_PROGRESS', 'REFERRED', 'ESCALATED')
                   and c.deadline < :now) as overdue, c.policy_issue_id, c.opened_by, c.opened_at, c.resolved_at, c.resolution,
                   c.closed_at, c.version
              from casework_case c join registry_v_person p on p.person_id = c.person_id""";

    /** List filters, as the API's query parameters name them. */
    public record Filter(String status, Boolean overdue, String domain, String regionCode, String unitCode, boolean mine, boolean ownerLeft) {
        static Filter none() {
            return new Filter(null, null, null, null, null, false, false);
        }
    }

    public record FollowUpItem(long followUpId, long caseId, long personId, String personName, String domain, LocalDate dueOn, boolean overdue,
                        String assignedTo) {
    }

    public record TimelineEntry(OffsetDateTime at, String kind, Long caseId, String actor, String action, String campaignName, String mode,
                         String outcome, String text, Map<String, Object> details) {
    }

    public record InboxItem(long referralId, long caseId, long departmentId, String departmentName, String personName, long villageCode,
                     String domain, String urgency, String description, String ask, LocalDate dueOn, String status, boolean overdue,
                     String answer, OffsetDateTime referredAt) {
    }

    public record Counts(long placeCode, long open, long overdue, long referred, long escalated, long resolved, long closed) {
    }

    public record Summary(Counts total, List<Counts> byChild, Map<String, Long> openByDomain, long openPolicyIssues) {
    }

    public record PolicyRow(long id, String title, String domain, long placeCode, String status, long cases, long openCases, String raisedBy,
                     OffsetDateTime raisedAt) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    CaseQueries(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    static CaseService.CaseView caseView(ResultSet rs, int n) throws SQLException {
        return new CaseService.CaseView(rs.getLong("id"), rs.getString("source"), rs.getLong("person_id"), rs.getString("name"),
                (Long) rs.getObject("household_id"), Long.toString(rs.getLong("village_code")), Long.toString(rs.getLong("unit_code")),
                rs.getString("owner"), rs.getBoolean("owner_left"), rs.getString("domain"), rs.getString("urgency"), rs.getString("description"),
                CaseStatus.valueOf(rs.getString("status")), rs.getObject("deadline", OffsetDateTime.class), rs.getBoolean("overdue"),
                (Long) rs.getObject("policy_issue_id"), rs.getString("opened_by"), rs.getObject("opened_at", OffsetDateTime.class),
                rs.getObject("resolved_at", OffsetDateTime.class), rs.getString("resolution"), rs.getObject("closed_at", OffsetDateTime.class),
                rs.getInt("version"));
    }

    /**
     * Cases in the user's scope, overdue first, then by deadline; audited. A case belongs where its family
     * lives now (the person's current village), so it follows a move.
     */
    @Transactional
    PageResult<CaseService.CaseView> list(Filter filter, CurrentUser user, PageRequest page) {
        Scope.Condition scope = user.scope(Action.CASE_OPEN).where("p.village_code");
        StringBuilder where = new StringBuilder(" where ").append(scope.sql());
        Map<String, Object> params = new HashMap<>(scope.params());
        params.put("now", CaseService.utc(clock.instant()));
        if (filter.status() != null && !filter.status().isBlank()) {
            try {
                params.put("status", CaseStatus.valueOf(filter.status()).name());
            } catch (IllegalArgumentException e) {
                throw CaseProblem.invalid("status", "STATUS_INVALID");
            }
            where.append(" and c.status = :status");
        }
        if (Boolean.TRUE.equals(filter.overdue())) {
            where.append(" and c.status in ").append(ACTIVE).append(" and c.deadline < :now");
        }
        if (filter.domain() != null && !filter.domain().isBlank()) {
            if (!CaseService.DOMAINS.contains(filter.domain())) {
                throw CaseProblem.invalid("domain", "DOMAIN_INVALID");
            }
            where.append(" and c.domain = :domain");
            params.put("domain", filter.domain());
        }
        if (filter.regionCode() != null && !filter.regionCode().isBlank()) {
            RegionCode region = RegionCode.parse(filter.regionCode()).orElseThrow(() -> CaseProblem.invalid("regionCode", "REGION_INVALID"));
            where.append(" and ").append(region.subtreeSql("p.village_code"));
        }
        if (filter.unitCode() != null && !filter.unitCode().isBlank()) {
            RegionCode unit = RegionCode.parse(filter.unitCode()).orElseThrow(() -> CaseProblem.invalid("unitCode", "REGION_INVALID"));
            where.append(" and c.unit_code = :unit");
            params.put("unit", unit.value());
        }
        if (filter.mine()) {
            where.append(" and c.owner = :me and c.status <> 'CLOSED'");
            params.put("me", user.username());
        }
        if (filter.ownerLeft()) {
            where.append(" and c.owner_left and c.status <> 'CLOSED'");
        }
        long total = jdbc.sql("select count(*) from (select 1 from casework_case c join registry_v_person p on p.person_id = c.person_id"
                        + where + " limit " + (PageResult.COUNT_LIMIT + 1) + ") t")
                .params(params).query(Long.class).single();
        List<CaseService.CaseView> items = jdbc.sql(SELECT + where
                        + " order by (c.status in " + ACTIVE + " and c.deadline < :now) desc, c.status = 'CLOSED', c.deadline, c.id limit :size offset :offset")
                .params(params).param("size", page.size()).param("offset", page.offset()).query(CaseQueries::caseView).list();
        audit.record("CASE_LIST_VIEW", "case", null, null, AuditLog.Outcome.SUCCESS, items.size() + " rows");
        return PageResult.of(items, total, page.page(), page.size());
    }

    /** A family's cases, newest first. */
    List<CaseService.CaseView> casesOf(long personId, CurrentUser user) {
        Scope.Condition scope = user.scope(Action.CASE_OPEN).where("p.village_code");
        return jdbc.sql(SELECT + " where c.person_id = :person and " + scope.sql() + " order by c.opened_at desc, c.id desc")
                .param("person", personId).params(scope.params()).param("now", CaseService.utc(clock.instant()))
                .query(CaseQueries::caseView).list();
    }

    /** A person's name and village, when in the user's case scope. */
    Optional<Map<String, Object>> person(long personId, CurrentUser user) {
        Scope.Condition scope = user.scope(Action.CASE_OPEN).where("village_code");
        return jdbc.sql("select name, village_code from registry_v_person where person_id = :id and " + scope.sql())
                .param("id", personId).params(scope.params())
                .query((rs, n) -> Map.<String, Object>of("name", rs.getString(1), "village", rs.getLong(2))).optional();
    }

    /**
     * The follow-ups due within a week that wait on the user: assigned to them, or (for a village worker)
     * unassigned in their village; overdue first.
     */
    @Transactional
    List<FollowUpItem> followUpsDue(CurrentUser user) {
        List<Scope.Range> villages = user.grants().stream().filter(g -> g.role() == Role.FIELD_WORKER && g.regionCode() != null)
                .map(g -> new Scope.Range(RegionCode.of(g.regionCode()).subtreeFirst(), RegionCode.of(g.regionCode()).subtreeLast())).toList();
        Scope.Condition pool = new Scope(Action.CASE_OPEN, villages, java.util.Set.of()).where("p.village_code");
        Scope.Condition scope = user.scope(Action.CASE_OPEN).where("p.village_code");
        LocalDate today = clock.instant().atZone(AppClock.ZONE).toLocalDate();
        List<FollowUpItem> items = jdbc.sql("""
                        select f.id, f.case_id, c.person_id, p.name, c.domain, f.due_on, f.assigned_to
                          from casework_follow_up f join casework_case c on c.id = f.case_id
                          join registry_v_person p on p.person_id = c.person_id
                         where f.status = 'DUE' and f.due_on <= :horizon and c.status <> 'CLOSED' and %s
                           and (f.assigned_to = :me or (f.assigned_to is null and %s))
                         order by f.due_on, f.id limit 200""".formatted(scope.sql(), pool.sql()))
                .params(scope.params()).params(pool.params()).param("horizon", today.plusDays(7)).param("me", user.username())
                .query((rs, n) -> new FollowUpItem(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, LocalDate.class), rs.getObject(6, LocalDate.class).isBefore(today), rs.getString(7)))
                .list();
        audit.record("FOLLOW_UP_LIST_VIEW", "case", null, null, AuditLog.Outcome.SUCCESS, items.size() + " rows");
        return items;
    }

    /** Visits, case steps, contacts and follow-ups due of one family (a person and their cases), newest first; audited. */
    @Transactional
    Optional<List<TimelineEntry>> timeline(long personId, CurrentUser user) {
        Scope.Condition scope = user.scope(Action.CASE_OPEN).where("village_code");
        boolean visible = jdbc.sql("select exists (select 1 from registry_v_person where person_id = :id and " + scope.sql() + ")")
                .param("id", personId).params(scope.params()).query(Boolean.class).single();
        if (!visible) {
            return Optional.empty();
        }
        List<TimelineEntry> entries = new ArrayList<>();
        jdbc.sql("select visited_at, recorded_by, campaign_name, mode, outcome, note from campaign_v_visit where person_id = ?")
                .param(personId).query(rs -> {
                    entries.add(new TimelineEntry(rs.getObject(1, OffsetDateTime.class), "VISIT", null, rs.getString(2), null, rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), Map.of()));
                });
        jdbc.sql("""
                        select e.at, e.case_id, e.actor, e.action, e.reason, e.details::text, c.domain
                          from casework_event e join casework_case c on c.id = e.case_id where c.person_id = ?""")
                .param(personId).query(rs -> {
                    Map<String, Object> details = new LinkedHashMap<>(CaseService.details(rs.getString(6)));
                    details.put("domain", rs.getString(7));
                    entries.add(new TimelineEntry(rs.getObject(1, OffsetDateTime.class), "CASE", rs.getLong(2), rs.getString(3), rs.getString(4),
                            null, null, null, rs.getString(5), details));
                });
        jdbc.sql("""
                        select ct.contacted_at, ct.case_id, ct.recorded_by, ct.mode, ct.spoke_with, ct.note, ct.verification, ct.family_confirms
                          from casework_contact ct join casework_case c on c.id = ct.case_id where c.person_id = ?""")
                .param(personId).query(rs -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("spokeWith", rs.getString(5));
                    if (rs.getBoolean(7)) {
                        details.put("familyConfirms", rs.getObject(8));
                    }
                    entries.add(new TimelineEntry(rs.getObject(1, OffsetDateTime.class), rs.getBoolean(7) ? "VERIFICATION" : "CONTACT",
                            rs.getLong(2), rs.getString(3), null, null, rs.getString(4), null, rs.getString(6), details));
                });
        jdbc.sql("""
                        select f.due_on, f.case_id, f.assigned_to from casework_follow_up f join casework_case c on c.id = f.case_id
                         where c.person_id = ? and f.status = 'DUE'""")
                .param(personId).query(rs -> {
                    entries.add(new TimelineEntry(rs.getObject(1, LocalDate.class).atStartOfDay(AppClock.ZONE).toOffsetDateTime(), "FOLLOW_UP_DUE",
                            rs.getLong(2), rs.getString(3), null, null, null, null, null, Map.of()));
                });
        entries.sort((a, b) -> b.at().compareTo(a.at()));
        audit.record("FAMILY_TIMELINE_VIEW", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS, null);
        return Optional.of(entries);
    }

    /**
     * Referrals as a department's inbox (a liaison sees only its department's, with the least person data:
     * name and village), or, for case workers, the referrals of the cases in their scope. Audited.
     */
    @Transactional
    List<InboxItem> inbox(CurrentUser user, String status, Long referralId) {
        Scope liaison = user.scope(Action.REFERRAL_ANSWER);
        Scope.Condition scope = liaison.departmentIds().isEmpty() ? user.scope(Action.REFERRAL_MANAGE).where("p.village_code")
                : liaison.whereDepartment("r.department_id");
        StringBuilder where = new StringBuilder(" where ").append(scope.sql());
        Map<String, Object> params = new HashMap<>(scope.params());
        if (referralId != null) {
            where.append(" and r.id = :referral");
            params.put("referral", referralId);
        } else if ("OPEN".equals(status)) {
            where.append(" and r.status in ('ASKED', 'ACCEPTED')");
        } else if (status != null && !status.isBlank()) {
            if (!List.of("ASKED", "ACCEPTED", "DONE", "DECLINED").contains(status)) {
                throw CaseProblem.invalid("status", "STATUS_INVALID");
            }
            where.append(" and r.status = :status");
            params.put("status", status);
        }
        LocalDate today = clock.instant().atZone(AppClock.ZONE).toLocalDate();
        List<InboxItem> items = jdbc.sql("""
                        select r.id, r.case_id, r.department_id, d.name, p.name, p.village_code, c.domain, c.urgency, c.description, r.ask,
                               r.due_on, r.status, r.answer, r.referred_at
                          from casework_referral r join casework_case c on c.id = r.case_id
                          left join region_v_department d on d.id = r.department_id
                          join registry_v_person p on p.person_id = c.person_id""" + where
                        + " order by r.status in ('ASKED', 'ACCEPTED') desc, r.due_on, r.id limit 500")
                .params(params)
                .query((rs, n) -> {
                    String s = rs.getString(12);
                    LocalDate due = rs.getObject(11, LocalDate.class);
                    return new InboxItem(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getLong(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), due, s,
                            (s.equals("ASKED") || s.equals("ACCEPTED")) && due.isBefore(today), rs.getString(13),
                            rs.getObject(14, OffsetDateTime.class));
                }).list();
        audit.record(referralId == null ? "REFERRAL_LIST_VIEW" : "REFERRAL_VIEW", "referral", referralId == null ? null : Long.toString(referralId),
                null, AuditLog.Outcome.SUCCESS, items.size() + " rows");
        return items;
    }

    /** Where the user may read figures of {@code place}: leaders by REPORT_READ, staff by their case scope. */
    boolean mayReadFigures(RegionCode place, CurrentUser user) {
        return user.scope(Action.REPORT_READ).covers(place) || user.scope(Action.CASE_OPEN).covers(place);
    }

    /** Case counts of a place and of each place one level down, open cases by domain and open policy issues: no person data. */
    Optional<Summary> summary(RegionCode place, CurrentUser user) {
        if (!mayReadFigures(place, user)) {
            return Optional.empty();
        }
        // From reporting's roll-ups (a few seconds at most behind the cases): the children's rows and the place's own by domain.
        RegionLevel level = place.levelByDigits();
        RegionLevel child = level == RegionLevel.VILLAGE ? level : RegionLevel.ofNumber(level.number() + 1);
        List<Counts> byChild = jdbc.sql("""
                        select place_code, open, overdue, referred, escalated, resolved, closed from reporting_v_case_figures
                         where level = :level and\s""" + place.subtreeSql("place_code") + " order by place_code")
                .param("level", child.number())
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7))).list();
        Counts total = new Counts(place.value(), byChild.stream().mapToLong(Counts::open).sum(), byChild.stream().mapToLong(Counts::overdue).sum(),
                byChild.stream().mapToLong(Counts::referred).sum(), byChild.stream().mapToLong(Counts::escalated).sum(),
                byChild.stream().mapToLong(Counts::resolved).sum(), byChild.stream().mapToLong(Counts::closed).sum());
        Map<String, Long> byDomain = new LinkedHashMap<>();
        jdbc.sql("select domain, open from reporting_v_case_domain where level = ? and place_code = ? order by 2 desc, 1")
                .params(level.number(), place.value()).query(rs -> {
                    byDomain.put(rs.getString(1), rs.getLong(2));
                });
        long issues = jdbc.sql("select count(*) from casework_policy_issue where " + place.subtreeSql("place_code") + " and status <> 'CLOSED'")
                .query(Long.class).single();
        return Optional.of(new Summary(total, level == RegionLevel.VILLAGE ? List.of() : byChild, byDomain, issues));
    }

    /** Open policy issues raised within a place, with how many cases each gathers: for the federation to take to the government. */
    Optional<List<PolicyRow>> policyIssues(RegionCode place, CurrentUser user) {
        if (!mayReadFigures(place, user)) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                        select i.id, i.title, i.domain, i.place_code, i.status, count(c.id),
                               count(c.id) filter (where c.status <> 'CLOSED'), i.raised_by, i.raised_at
                          from casework_policy_issue i left join casework_case c on c.policy_issue_id = i.id
                         where i.status <> 'CLOSED' and\s""" + place.subtreeSql("i.place_code")
                        + " group by i.id order by i.domain, count(c.id) desc, i.id")
                .query((rs, n) -> new PolicyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                        rs.getLong(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class))).list());
    }

    /** The open policy issues a case of this village may join (raised at one of its places). */
    List<PolicyRow> policyIssuesFor(long villageCode) {
        RegionCode village = RegionCode.of(villageCode);
        List<Long> places = new ArrayList<>();
        for (RegionLevel level : RegionLevel.values()) {
            places.add(village.prefixAt(level));
        }
        return jdbc.sql("""
                        select i.id, i.title, i.domain, i.place_code, i.status, 0, 0, i.raised_by, i.raised_at
                          from casework_policy_issue i where i.place_code = any(?) and i.status <> 'CLOSED' order by i.raised_at desc limit 50""")
                .param(places.toArray(Long[]::new))
                .query((rs, n) -> new PolicyRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5), 0, 0,
                        rs.getString(8), rs.getObject(9, OffsetDateTime.class))).list();
    }
}
