package org.lastmile.casework.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/cases} (open, list, read with history, transitions, contacts, follow-ups, owner),
 * {@code /api/v1/referrals} (a department's inbox and its answers), {@code /api/v1/policy-issues},
 * {@code /api/v1/notifications}, the deadline rules and the holiday calendar, and the departments a
 * case may be referred to.
 */
@RestController
class CaseApiController {

    record TransitionBody(String action, String reason, Long departmentId, String ask, LocalDate dueOn, String answer, String text,
                          Long policyIssueId, String policyTitle) {
    }

    record FollowUpBody(LocalDate dueOn, String assignedTo) {
    }

    record OwnerBody(String owner) {
    }

    record AnswerBody(String answer, String text) {
    }

    record DeadlineBody(Map<String, Integer> amounts, Map<String, Boolean> workingDays) {
    }

    record NewDepartment(String regionCode, String type, String name) {
    }

    private final CaseService cases;
    private final CaseQueries queries;
    private final Notifications notifications;
    private final Deadlines deadlines;
    private final Departments departments;

    CaseApiController(CaseService cases, CaseQueries queries, Notifications notifications, Deadlines deadlines, Departments departments) {
        this.cases = cases;
        this.queries = queries;
        this.notifications = notifications;
        this.deadlines = deadlines;
        this.departments = departments;
    }

    @PostMapping("/api/v1/cases")
    @Allow(Action.CASE_OPEN)
    ResponseEntity<CaseService.CaseView> open(@RequestBody CaseService.NewCase form, CurrentUser user) {
        CaseService.Opened opened = cases.open(form, user);
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/cases/" + opened.kase().id())).body(opened.kase());
    }

    @GetMapping("/api/v1/cases")
    @Allow(Action.CASE_OPEN)
    PageResult<CaseService.CaseView> list(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean overdue,
                                          @RequestParam(required = false) String regionCode, @RequestParam(required = false) String domain,
                                          @RequestParam(required = false) String unitCode, @RequestParam(required = false) String owner,
                                          @RequestParam(required = false) Boolean ownerLeft,
                                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                          CurrentUser user) {
        return queries.list(new CaseQueries.Filter(status, overdue, domain, regionCode, unitCode, "me".equals(owner), Boolean.TRUE.equals(ownerLeft)),
                user, PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/cases/{id}")
    @Allow(Action.CASE_OPEN)
    CaseService.CaseDetail read(@PathVariable long id, CurrentUser user) {
        return cases.detail(id, user).orElseThrow(CaseProblem::notFound);
    }

    @PostMapping("/api/v1/cases/{id}/transitions")
    @Allow({Action.CASE_MANAGE, Action.REFERRAL_MANAGE, Action.REFERRAL_ANSWER})
    ResponseEntity<CaseService.CaseView> transition(@PathVariable long id, @RequestBody TransitionBody body, CurrentUser user) {
        CaseService.CaseView kase = cases.transition(id, transition(body), user);
        // A liaison answers a referral; the case itself (its person, owner, resolution) is not theirs to read.
        return user.may(Action.CASE_OPEN) ? ResponseEntity.ok(kase) : ResponseEntity.noContent().build();
    }

    static CaseService.Transition transition(TransitionBody body) {
        CaseAction action = parse(CaseAction.class, body.action(), "action", "ACTION_INVALID");
        CaseRules.Answer answer = body.answer() == null || body.answer().isBlank() ? null
                : parse(CaseRules.Answer.class, body.answer(), "answer", "ANSWER_INVALID");
        return new CaseService.Transition(action, body.reason(), body.departmentId(), body.ask(), body.dueOn(), answer, body.text(),
                body.policyIssueId(), body.policyTitle());
    }

    @PostMapping("/api/v1/cases/{id}/contacts")
    @Allow(Action.CASE_OPEN)
    ResponseEntity<CaseService.Contact> contact(@PathVariable long id, @RequestBody CaseService.NewContact body, CurrentUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cases.addContact(id, body, user));
    }

    @PostMapping("/api/v1/cases/{id}/follow-ups")
    @Allow(Action.CASE_OPEN)
    ResponseEntity<CaseService.FollowUp> followUp(@PathVariable long id, @RequestBody FollowUpBody body, CurrentUser user) {
        return ResponseEntity.status(HttpStatus.CREATED).body(cases.scheduleFollowUp(id, body.dueOn(), body.assignedTo(), user));
    }

    @PutMapping("/api/v1/cases/{id}/owner")
    @Allow(Action.CASE_MANAGE)
    CaseService.CaseView owner(@PathVariable long id, @RequestBody OwnerBody body, CurrentUser user) {
        return cases.reassign(id, body.owner(), user);
    }

    @GetMapping("/api/v1/follow-ups")
    @Allow(Action.CASE_OPEN)
    List<CaseQueries.FollowUpItem> followUps(CurrentUser user) {
        return queries.followUpsDue(user);
    }

    @GetMapping("/api/v1/families/{personId}/timeline")
    @Allow(Action.CASE_OPEN)
    List<CaseQueries.TimelineEntry> timeline(@PathVariable long personId, CurrentUser user) {
        return queries.timeline(personId, user).orElseThrow(CaseProblem::notFound);
    }

    @GetMapping("/api/v1/cases/summary")
    @Allow({Action.REPORT_READ, Action.CASE_OPEN})
    CaseQueries.Summary summary(@RequestParam String regionCode, CurrentUser user) {
        RegionCode place = RegionCode.parse(regionCode).orElseThrow(CaseProblem::notFound);
        return queries.summary(place, user).orElseThrow(CaseProblem::notFound);
    }

    @GetMapping("/api/v1/policy-issues")
    @Allow({Action.REPORT_READ, Action.CASE_OPEN})
    List<CaseQueries.PolicyRow> policyIssues(@RequestParam String regionCode, CurrentUser user) {
        RegionCode place = RegionCode.parse(regionCode).orElseThrow(CaseProblem::notFound);
        return queries.policyIssues(place, user).orElseThrow(CaseProblem::notFound);
    }

    record IssueStatus(String status) {
    }

    @PostMapping("/api/v1/policy-issues/{id}/status")
    @Allow(Action.CASE_MANAGE)
    ResponseEntity<Void> policyIssueStatus(@PathVariable long id, @RequestBody IssueStatus body, CurrentUser user) {
        cases.setPolicyIssueStatus(id, body.status(), user);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/referrals")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    List<CaseQueries.InboxItem> referrals(@RequestParam(required = false) String status, CurrentUser user) {
        return queries.inbox(user, status, null);
    }

    @GetMapping("/api/v1/referrals/{id}")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    CaseQueries.InboxItem referral(@PathVariable long id, CurrentUser user) {
        return queries.inbox(user, null, id).stream().findFirst().orElseThrow(CaseProblem::notFound);
    }

    /** The department's answer: the ANSWER transition of the referral's case. */
    @PostMapping("/api/v1/referrals/{id}/answer")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    CaseQueries.InboxItem answer(@PathVariable long id, @RequestBody AnswerBody body, CurrentUser user) {
        CaseQueries.InboxItem referral = queries.inbox(user, null, id).stream().findFirst().orElseThrow(CaseProblem::notFound);
        if (!referral.status().equals("ASKED") && !referral.status().equals("ACCEPTED")) {
            throw CaseProblem.conflict("REFERRAL_ANSWERED");
        }
        cases.transition(referral.caseId(), transition(new TransitionBody("ANSWER", null, null, null, null, body.answer(), body.text(), null, null)), user);
        return queries.inbox(user, null, id).get(0);
    }

    @GetMapping("/api/v1/notifications")
    @Allow({Action.CASE_OPEN, Action.REFERRAL_ANSWER})
    List<Notifications.Notice> notices(CurrentUser user) {
        return notifications.of(user, 100);
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    @Allow({Action.CASE_OPEN, Action.REFERRAL_ANSWER})
    ResponseEntity<Void> markRead(@PathVariable long id, CurrentUser user) {
        notifications.markRead(id, user);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/case-deadlines/{placeCode}")
    @Allow({Action.CASE_OPEN, Action.CONFIGURATION_ADMIN})
    List<Deadlines.Rule> deadlineRules(@PathVariable long placeCode) {
        return deadlines.rules(placeCode);
    }

    @PutMapping("/api/v1/case-deadlines/{placeCode}")
    @Allow({Action.CASE_MANAGE, Action.CONFIGURATION_ADMIN})
    List<Deadlines.Rule> setDeadlineRules(@PathVariable long placeCode, @RequestBody DeadlineBody body, CurrentUser user) {
        deadlines.setRules(placeCode, body.amounts() == null ? Map.of() : body.amounts(), body.workingDays() == null ? Map.of() : body.workingDays(), user);
        return deadlines.rules(placeCode);
    }

    @GetMapping("/api/v1/holidays/{year}")
    @Allow({Action.CASE_OPEN, Action.CONFIGURATION_ADMIN})
    List<Deadlines.Holiday> holidays(@PathVariable int year) {
        return deadlines.holidays(year);
    }

    @PutMapping("/api/v1/holidays/{year}")
    @Allow(Action.CONFIGURATION_ADMIN)
    List<Deadlines.Holiday> setHolidays(@PathVariable int year, @RequestBody List<Deadlines.Holiday> days, CurrentUser user) {
        deadlines.setHolidays(year, days, user);
        return deadlines.holidays(year);
    }

    /** The departments of a county or township (the directory the region module keeps). */
    @GetMapping("/api/v1/departments")
    @Allow({Action.CASE_OPEN, Action.REFERRAL_ANSWER, Action.REPORT_READ})
    List<Department> departments(@RequestParam String regionCode) {
        return departments.of(RegionCode.parse(regionCode).orElseThrow(CaseProblem::notFound));
    }

    /** Adds a department to the directory of a county or township the case worker covers. */
    @PostMapping("/api/v1/departments")
    @Allow(Action.REFERRAL_MANAGE)
    ResponseEntity<Department> addDepartment(@RequestBody NewDepartment body, CurrentUser user) {
        RegionCode place = body.regionCode() == null ? null : RegionCode.parse(body.regionCode()).orElse(null);
        if (place == null || (place.levelByDigits() != RegionLevel.COUNTY && place.levelByDigits() != RegionLevel.TOWNSHIP)) {
            throw CaseProblem.invalid("regionCode", "DEPARTMENT_PLACE_INVALID");
        }
        if (!user.scope(Action.REFERRAL_MANAGE).covers(place)) {
            throw CaseProblem.notFound();
        }
        Department.Type type = parse(Department.Type.class, body.type(), "type", "DEPARTMENT_TYPE_INVALID");
        if (body.name() == null || body.name().isBlank() || body.name().length() > 60) {
            throw CaseProblem.invalid("name", "NAME_REQUIRED");
        }
        if (departments.of(place).stream().anyMatch(d -> d.name().equals(body.name().strip()))) {
            throw CaseProblem.conflict("DEPARTMENT_EXISTS");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(departments.add(place, type, body.name().strip()));
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field, String code) {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw CaseProblem.invalid(field, code);
        }
    }
}
