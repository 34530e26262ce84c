package org.lastmile.casework.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.platform.AppClock;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Casework pages: the case board (overdue first) with the follow-ups due, the case page (facts, the
 * allowed actions as buttons, referrals with their answers, contacts, history), opening a case by hand,
 * the family timeline, a department's inbox and answer form, the policy-issue report, the leaders'
 * figures, notifications, the reassignment list and the deadline and holiday settings.
 */
@Controller
public class CasePageController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A place's name for the pages, from the division tree. */
    public record Place(String code, String name, List<Region.PathStep> path) {
    }

    private final CaseService cases;
    private final CaseQueries queries;
    private final Notifications notifications;
    private final Deadlines deadlines;
    private final Departments departments;
    private final Regions regions;
    private final MessageSource messages;
    private final CaseWorkbooks workbooks;
    private final Clock clock;

    CasePageController(CaseService cases, CaseQueries queries, Notifications notifications, Deadlines deadlines, Departments departments,
                       Regions regions, MessageSource messages, CaseWorkbooks workbooks, Clock clock) {
        this.cases = cases;
        this.queries = queries;
        this.notifications = notifications;
        this.deadlines = deadlines;
        this.departments = departments;
        this.regions = regions;
        this.messages = messages;
        this.workbooks = workbooks;
        this.clock = clock;
    }

    /** Dates and times on the pages: the server's zone, to the minute. */
    public static String when(OffsetDateTime at) {
        return at == null ? "" : at.atZoneSameInstant(AppClock.ZONE).format(MINUTE);
    }

    // ----- the board -----

    @GetMapping("/cases")
    @Allow(Action.CASE_OPEN)
    String board(@RequestParam(required = false) String status, @RequestParam(required = false) Boolean overdue,
                 @RequestParam(required = false) String domain, @RequestParam(required = false) String region,
                 @RequestParam(required = false) String owner, @RequestParam(required = false) Boolean ownerLeft,
                 @RequestParam(required = false) Integer page, CurrentUser user, Model model) {
        CaseQueries.Filter filter = new CaseQueries.Filter(blank(status), overdue, blank(domain), blank(region), null, "me".equals(owner),
                Boolean.TRUE.equals(ownerLeft));
        PageResult<CaseService.CaseView> result;
        try {
            result = queries.list(filter, user, PageRequest.of(page, 50));
        } catch (CaseProblem e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        model.addAttribute("result", result);
        model.addAttribute("filter", filter);
        model.addAttribute("names", names(result.items().stream().flatMap(c -> java.util.stream.Stream.of(c.villageCode(), c.unitCode())).toList()));
        model.addAttribute("followUps", queries.followUpsDue(user));
        model.addAttribute("unread", notifications.unread(user));
        model.addAttribute("mayManage", user.may(Action.CASE_MANAGE));
        model.addAttribute("home", home(user));
        model.addAttribute("query", query(filter));
        return "casework/cases";
    }

    @GetMapping("/cases.xlsx")
    @Allow(Action.CASE_OPEN)
    org.springframework.http.ResponseEntity<byte[]> boardWorkbook(@RequestParam(required = false) String status,
                                                                  @RequestParam(required = false) Boolean overdue,
                                                                  @RequestParam(required = false) String domain,
                                                                  @RequestParam(required = false) String region,
                                                                  @RequestParam(required = false) String owner,
                                                                  @RequestParam(required = false) Boolean ownerLeft,
                                                                  CurrentUser user, HttpServletRequest request) {
        CaseQueries.Filter filter = new CaseQueries.Filter(blank(status), overdue, blank(domain), blank(region), null, "me".equals(owner),
                Boolean.TRUE.equals(ownerLeft));
        return workbooks.cases(filter, user, RequestContextUtils.getLocale(request));
    }

    // ----- one case -----

    @GetMapping("/cases/{id}")
    @Allow(Action.CASE_OPEN)
    String kase(@PathVariable long id, CurrentUser user, Model model) {
        CaseService.CaseDetail detail = cases.detail(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        CaseService.CaseView c = detail.kase();
        model.addAttribute("detail", detail);
        model.addAttribute("village", place(Long.parseLong(c.villageCode())));
        model.addAttribute("unit", place(Long.parseLong(c.unitCode())));
        boolean manages = user.scope(Action.CASE_MANAGE).covers(RegionCode.of(Long.parseLong(c.unitCode())));
        boolean refers = user.scope(Action.REFERRAL_MANAGE).covers(RegionCode.of(Long.parseLong(c.unitCode())));
        List<CaseAction> actions = detail.allowed().stream()
                .filter(a -> a == CaseAction.REFER || a == CaseAction.ANSWER ? refers : manages).toList();
        model.addAttribute("actions", actions);
        model.addAttribute("departments", referable(Long.parseLong(c.villageCode())));
        model.addAttribute("policyIssues", actions.contains(CaseAction.RAISE_POLICY) ? queries.policyIssuesFor(Long.parseLong(c.villageCode())) : List.of());
        model.addAttribute("mayContact", c.status() != CaseStatus.CLOSED);
        model.addAttribute("mayReassign", manages && c.status() != CaseStatus.CLOSED);
        model.addAttribute("today", today().toString());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("saved")) {
            model.addAttribute("saved", "");
        }
        return "casework/case";
    }

    @PostMapping("/cases/{id}/transitions")
    @Allow({Action.CASE_MANAGE, Action.REFERRAL_MANAGE})
    String transition(@PathVariable long id, @RequestParam Map<String, String> form, CurrentUser user, RedirectAttributes flash,
                      HttpServletRequest request) {
        try {
            LocalDate due = date(form.get("dueOn"), "dueOn");
            Long department = number(form.get("departmentId"));
            Long issue = number(form.get("policyIssueId"));
            cases.transition(id, CaseApiController.transition(new CaseApiController.TransitionBody(form.get("action"), form.get("reason"),
                    department, form.get("ask"), due, blank(form.get("answer")), form.get("text"), issue, form.get("policyTitle"))), user);
            flash.addFlashAttribute("saved", "casework.case.saved." + form.get("action"));
        } catch (CaseProblem e) {
            // Each message links to the field of the form it came from.
            String action = String.valueOf(form.get("action"));
            Map<String, String> fieldIds = switch (action) {
                case "ANSWER" -> Map.of("text", "answer-text");
                case "ESCALATE", "REOPEN" -> Map.of("reason", "reason-" + action);
                case "RESOLVE" -> Map.of("text", "resolution");
                default -> Map.of();
            };
            Map<String, String> errors = new LinkedHashMap<>();
            errors(e, "action-" + action, request).forEach((field, message) -> errors.put(fieldIds.getOrDefault(field, field), message));
            flash.addFlashAttribute("errors", errors);
        }
        return "redirect:/cases/" + id;
    }

    @PostMapping("/cases/{id}/contacts")
    @Allow(Action.CASE_OPEN)
    String contact(@PathVariable long id, @RequestParam Map<String, String> form, CurrentUser user, RedirectAttributes flash,
                   HttpServletRequest request) {
        try {
            LocalDate next = date(form.get("nextFollowUpOn"), "nextFollowUpOn");
            OffsetDateTime at = null;
            if (blank(form.get("contactedAt")) != null) {
                try {
                    at = java.time.LocalDateTime.parse(form.get("contactedAt")).atZone(AppClock.ZONE).toOffsetDateTime();
                } catch (DateTimeParseException e) {
                    throw CaseProblem.invalid("contactedAt", "DATE_INVALID");
                }
            }
            boolean verification = "true".equals(form.get("verification"));
            Boolean confirms = form.get("familyConfirms") == null ? null : "true".equals(form.get("familyConfirms"));
            cases.addContact(id, new CaseService.NewContact(blank(form.get("clientId")), form.get("mode"), at, form.get("spokeWith"),
                    form.get("note"), verification, confirms, next), user);
            flash.addFlashAttribute("saved", "casework.case.saved.CONTACT");
        } catch (CaseProblem e) {
            flash.addFlashAttribute("errors", errors(e, "mode", request));
        }
        return "redirect:/cases/" + id + "#contact-heading";
    }

    @PostMapping("/cases/{id}/owner")
    @Allow(Action.CASE_MANAGE)
    String owner(@PathVariable long id, @RequestParam String owner, CurrentUser user, RedirectAttributes flash, HttpServletRequest request) {
        try {
            cases.reassign(id, owner, user);
            flash.addFlashAttribute("saved", "casework.case.saved.ASSIGN");
        } catch (CaseProblem e) {
            flash.addFlashAttribute("errors", errors(e, "owner", request));
        }
        return "redirect:/cases/" + id;
    }

    // ----- opening by hand -----

    @GetMapping("/cases/new")
    @Allow(Action.CASE_OPEN)
    String newCase(@RequestParam long personId, @RequestParam(required = false) String flag, CurrentUser user, Model model) {
        Map<String, Object> person = person(personId, user);
        model.addAttribute("personId", personId);
        model.addAttribute("personName", person.get("name"));
        model.addAttribute("flag", flag != null && java.util.Arrays.stream(org.lastmile.registry.FlagRule.values()).anyMatch(r -> r.name().equals(flag))
                ? flag : "");
        model.addAttribute("clientId", java.util.UUID.randomUUID().toString());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("values", Map.of());
        }
        return "casework/new";
    }

    @PostMapping("/cases")
    @Allow(Action.CASE_OPEN)
    String open(@RequestParam Map<String, String> form, CurrentUser user, RedirectAttributes flash, HttpServletRequest request) {
        Long personId = number(form.get("personId"));
        String flag = blank(form.get("flag"));
        try {
            CaseService.Opened opened = cases.open(new CaseService.NewCase(blank(form.get("clientId")), personId, flag == null ? "MANUAL" : "FLAG",
                    flag, form.get("domain"), form.get("urgency"), form.get("description"), null), user);
            flash.addFlashAttribute("saved", "casework.case.saved.OPEN");
            return "redirect:/cases/" + opened.kase().id();
        } catch (CaseProblem e) {
            flash.addFlashAttribute("errors", errors(e, "description", request));
            flash.addFlashAttribute("values", form);
            return "redirect:/cases/new?personId=" + personId + (flag == null ? "" : "&flag=" + flag);
        }
    }

    // ----- the family -----

    @GetMapping("/families/{personId}")
    @Allow(Action.CASE_OPEN)
    String family(@PathVariable long personId, CurrentUser user, Model model) {
        Map<String, Object> person = person(personId, user);
        model.addAttribute("personId", personId);
        model.addAttribute("personName", person.get("name"));
        model.addAttribute("village", place((Long) person.get("village")));
        model.addAttribute("entries", queries.timeline(personId, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("cases", queries.casesOf(personId, user));
        return "casework/family";
    }

    @GetMapping("/families/{personId}/timeline.xlsx")
    @Allow(Action.CASE_OPEN)
    org.springframework.http.ResponseEntity<byte[]> familyWorkbook(@PathVariable long personId, CurrentUser user, HttpServletRequest request) {
        return workbooks.timeline(personId, user, RequestContextUtils.getLocale(request));
    }

    // ----- departments -----

    @GetMapping("/referrals")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    String inbox(@RequestParam(required = false) String status, CurrentUser user, Model model) {
        String shown = status == null ? "OPEN" : status;
        List<CaseQueries.InboxItem> items;
        try {
            items = queries.inbox(user, shown.equals("ALL") ? null : shown, null);
        } catch (CaseProblem e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        model.addAttribute("items", items);
        model.addAttribute("status", shown);
        model.addAttribute("names", names(items.stream().map(i -> Long.toString(i.villageCode())).toList()));
        model.addAttribute("liaison", !user.scope(Action.REFERRAL_ANSWER).departmentIds().isEmpty());
        model.addAttribute("unread", notifications.unread(user));
        return "casework/inbox";
    }

    @GetMapping("/referrals.xlsx")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    org.springframework.http.ResponseEntity<byte[]> inboxWorkbook(@RequestParam(required = false) String status, CurrentUser user,
                                                                  HttpServletRequest request) {
        String shown = status == null ? "OPEN" : status;
        return workbooks.inbox(user, shown.equals("ALL") ? null : shown, RequestContextUtils.getLocale(request));
    }

    @GetMapping("/referrals/{id}")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    String referral(@PathVariable long id, CurrentUser user, Model model) {
        CaseQueries.InboxItem item = queries.inbox(user, null, id).stream().findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("item", item);
        model.addAttribute("village", place(item.villageCode()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("saved")) {
            model.addAttribute("saved", "");
        }
        return "casework/referral";
    }

    @PostMapping("/referrals/{id}/answer")
    @Allow({Action.REFERRAL_ANSWER, Action.REFERRAL_MANAGE})
    String answer(@PathVariable long id, @RequestParam Map<String, String> form, CurrentUser user, RedirectAttributes flash,
                  HttpServletRequest request) {
        CaseQueries.InboxItem item = queries.inbox(user, null, id).stream().findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            if (!item.status().equals("ASKED") && !item.status().equals("ACCEPTED")) {
                throw CaseProblem.conflict("REFERRAL_ANSWERED");
            }
            cases.transition(item.caseId(), CaseApiController.transition(new CaseApiController.TransitionBody("ANSWER", null, null, null, null,
                    blank(form.get("answer")), form.get("text"), null, null)), user);
            flash.addFlashAttribute("saved", "casework.referral.saved");
        } catch (CaseProblem e) {
            flash.addFlashAttribute("errors", errors(e, "answer", request));
        }
        return "redirect:/referrals/" + id;
    }

    // ----- figures -----

    @GetMapping("/cases/summary")
    @Allow({Action.REPORT_READ, Action.CASE_OPEN})
    String summary(@RequestParam(required = false) String region, CurrentUser user, Model model) {
        RegionCode place = region == null || region.isBlank() ? RegionCode.of(home(user))
                : RegionCode.parse(region).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        CaseQueries.Summary summary = queries.summary(place, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("summary", summary);
        model.addAttribute("place", place(place.value()));
        model.addAttribute("names", names(summary.byChild().stream().map(c -> Long.toString(c.placeCode())).toList()));
        model.addAttribute("childIsVillage", place.levelByDigits() == RegionLevel.TOWNSHIP);
        return "casework/summary";
    }

    @GetMapping("/cases/policy-issues")
    @Allow({Action.REPORT_READ, Action.CASE_OPEN})
    String policy(@RequestParam(required = false) String region, CurrentUser user, Model model) {
        RegionCode place = region == null || region.isBlank() ? RegionCode.of(home(user))
                : RegionCode.parse(region).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<CaseQueries.PolicyRow> rows = queries.policyIssues(place, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("rows", rows);
        model.addAttribute("place", place(place.value()));
        model.addAttribute("names", names(rows.stream().map(r -> Long.toString(r.placeCode())).toList()));
        Map<String, long[]> byDomain = new LinkedHashMap<>();
        for (CaseQueries.PolicyRow row : rows) {
            long[] counts = byDomain.computeIfAbsent(row.domain(), d -> new long[2]);
            counts[0]++;
            counts[1] += row.cases();
        }
        model.addAttribute("byDomain", byDomain);
        model.addAttribute("mayManage", user.scope(Action.CASE_MANAGE).covers(place));
        return "casework/policy";
    }

    @PostMapping("/cases/policy-issues/{id}/status")
    @Allow(Action.CASE_MANAGE)
    String policyIssueStatus(@PathVariable long id, @RequestParam String status, @RequestParam String region, CurrentUser user) {
        try {
            cases.setPolicyIssueStatus(id, status, user);
        } catch (CaseProblem e) {
            throw new ResponseStatusException(e.kind() == CaseProblem.Kind.NOT_FOUND ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST);
        }
        return "redirect:/cases/policy-issues?region=" + RegionCode.parse(region).map(RegionCode::toString).orElse("");
    }

    @GetMapping("/cases/policy-issues.xlsx")
    @Allow({Action.REPORT_READ, Action.CASE_OPEN})
    org.springframework.http.ResponseEntity<byte[]> policyWorkbook(@RequestParam String region, CurrentUser user, HttpServletRequest request) {
        RegionCode place = RegionCode.parse(region).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return workbooks.policyIssues(place, user, RequestContextUtils.getLocale(request));
    }

    // ----- notifications -----

    @GetMapping("/notifications")
    @Allow({Action.CASE_OPEN, Action.REFERRAL_ANSWER})
    String notices(CurrentUser user, Model model) {
        model.addAttribute("notices", notifications.of(user, 100));
        model.addAttribute("liaison", !user.scope(Action.REFERRAL_ANSWER).departmentIds().isEmpty());
        return "casework/notifications";
    }

    @PostMapping("/notifications/read")
    @Allow({Action.CASE_OPEN, Action.REFERRAL_ANSWER})
    String readAll(@RequestParam(required = false) Long id, @RequestParam(required = false) String next, CurrentUser user) {
        try {
            notifications.markRead(id, user);
        } catch (CaseProblem e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:" + (next != null && next.matches("/(cases|referrals)/\\d+") ? next : "/notifications");
    }

    // ----- settings -----

    @GetMapping("/cases/settings")
    @Allow({Action.CASE_MANAGE, Action.CONFIGURATION_ADMIN})
    String settings(@RequestParam(required = false) Long place, CurrentUser user, Model model) {
        long code = place != null ? place : user.may(Action.CONFIGURATION_ADMIN) && !user.may(Action.CASE_MANAGE) ? Deadlines.NATIONAL
                : RegionCode.of(home(user)).prefixAt(RegionLevel.COUNTY);
        if (code != Deadlines.NATIONAL && RegionCode.parse(Long.toString(code)).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("placeCode", code);
        model.addAttribute("placeName", code == Deadlines.NATIONAL ? null : place(code).name());
        model.addAttribute("rules", deadlines.rules(code));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("saved")) {
            model.addAttribute("saved", "");
        }
        return "casework/settings";
    }

    @PostMapping("/cases/settings")
    @Allow({Action.CASE_MANAGE, Action.CONFIGURATION_ADMIN})
    String saveSettings(@RequestParam Map<String, String> form, CurrentUser user, RedirectAttributes flash, HttpServletRequest request) {
        long place = Optional.ofNullable(number(form.get("place"))).orElse(-1L);
        try {
            if ("true".equals(form.get("reset"))) {
                deadlines.resetRules(place, user);
            } else {
                Map<String, Integer> amounts = new HashMap<>();
                Map<String, Boolean> working = new HashMap<>();
                for (String urgency : Deadlines.URGENCIES) {
                    try {
                        amounts.put(urgency, Integer.parseInt(form.getOrDefault("amount." + urgency, "").strip()));
                    } catch (NumberFormatException e) {
                        throw CaseProblem.invalid("amount." + urgency, "DEADLINE_INVALID");
                    }
                    working.put(urgency, "true".equals(form.get("working." + urgency)));
                }
                deadlines.setRules(place, amounts, working, user);
            }
            flash.addFlashAttribute("saved", "casework.settings.saved");
        } catch (CaseProblem e) {
            flash.addFlashAttribute("errors", errors(e, "amount.SUDDEN", request));
        }
        return "redirect:/cases/settings?place=" + place;
    }

    @GetMapping("/admin/holidays")
    @Allow(Action.CONFIGURATION_ADMIN)
    String holidays(@RequestParam(required = false) Integer year, Model model) {
        int shown = year != null ? year : today().getYear();
        model.addAttribute("year", shown);
        if (!model.containsAttribute("text")) {
            StringBuilder text = new StringBuilder();
            for (Deadlines.Holiday day : deadlines.holidays(shown)) {
                text.append(day.day()).append(' ').append(day.kind()).append(' ').append(day.name()).append('\n');
            }
            model.addAttribute("text", text.toString());
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("saved")) {
            model.addAttribute("saved", "");
        }
        return "casework/holidays";
    }

    /** The year's calendar as lines "2027-01-01 HOLIDAY 元旦"; each bad line is reported with its number. */
    @PostMapping("/admin/holidays")
    @Allow(Action.CONFIGURATION_ADMIN)
    String saveHolidays(@RequestParam int year, @RequestParam String days, CurrentUser user, RedirectAttributes flash, HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        List<Deadlines.Holiday> parsed = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        String[] lines = days.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            try {
                LocalDate day = LocalDate.parse(parts[0]);
                WorkingDays.Kind kind = WorkingDays.Kind.valueOf(parts[1].toUpperCase(Locale.ROOT));
                if (day.getYear() != year || parts.length < 3) {
                    throw new IllegalArgumentException();
                }
                parsed.add(new Deadlines.Holiday(day, kind, parts[2]));
            } catch (RuntimeException e) {
                bad.add(Integer.toString(i + 1));
            }
        }
        if (!bad.isEmpty()) {
            flash.addFlashAttribute("errors", Map.of("days", messages.getMessage("casework.holidays.badLines", new Object[]{String.join("、", bad),
                    String.valueOf(year)}, locale)));
            flash.addFlashAttribute("text", days);
            return "redirect:/admin/holidays?year=" + year;
        }
        try {
            deadlines.setHolidays(year, parsed, user);
            flash.addFlashAttribute("saved", "casework.holidays.saved");
        } catch (CaseProblem e) {
            flash.addFlashAttribute("errors", errors(e, "days", request));
            flash.addFlashAttribute("text", days);
        }
        return "redirect:/admin/holidays?year=" + year;
    }

    // ----- helpers -----

    private Map<String, Object> person(long personId, CurrentUser user) {
        return queries.person(personId, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The departments a case of this village may go to: its county's and its township's. */
    private List<Department> referable(long villageCode) {
        RegionCode village = RegionCode.of(villageCode);
        List<Department> list = new ArrayList<>(departments.of(RegionCode.of(village.prefixAt(RegionLevel.TOWNSHIP))));
        list.addAll(departments.of(RegionCode.of(village.prefixAt(RegionLevel.COUNTY))));
        return list;
    }

    /** The place a user works from: the first grant's place (the pages' default region). */
    private static long home(CurrentUser user) {
        return user.grants().stream().map(Grant::regionCode).filter(java.util.Objects::nonNull).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private Place place(long code) {
        return regions.find(RegionCode.of(code)).map(r -> new Place(Long.toString(code), r.name(), r.path()))
                .orElse(new Place(Long.toString(code), Long.toString(code), List.of()));
    }

    private Map<String, String> names(List<String> codes) {
        Map<String, String> names = new HashMap<>();
        for (String code : codes) {
            names.computeIfAbsent(code, c -> regions.find(RegionCode.of(Long.parseLong(c))).map(Region::name).orElse(c));
        }
        return names;
    }

    private LocalDate today() {
        return clock.instant().atZone(AppClock.ZONE).toLocalDate();
    }

    private Map<String, String> errors(CaseProblem e, String defaultField, HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        Map<String, String> errors = new LinkedHashMap<>();
        if (e.problems().isEmpty()) {
            errors.put(defaultField, messages.getMessage("casework.problem." + e.kind().name(), null, locale));
        }
        for (CaseProblem.FieldProblem p : e.problems()) {
            errors.putIfAbsent(p.field() == null ? defaultField : p.field(), CaseProblems.message(messages, p, locale));
        }
        return errors;
    }

    private static String query(CaseQueries.Filter f) {
        StringBuilder q = new StringBuilder();
        if (f.status() != null) {
            q.append("&status=").append(f.status());
        }
        if (Boolean.TRUE.equals(f.overdue())) {
            q.append("&overdue=true");
        }
        if (f.domain() != null) {
            q.append("&domain=").append(f.domain());
        }
        if (f.regionCode() != null && f.regionCode().matches("\\d{1,12}")) {
            q.append("&region=").append(f.regionCode());
        }
        if (f.mine()) {
            q.append("&owner=me");
        }
        if (f.ownerLeft()) {
            q.append("&ownerLeft=true");
        }
        return q.isEmpty() ? "" : q.substring(1);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Long number(String value) {
        try {
            return blank(value) == null ? null : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw CaseProblem.invalid("number", "NUMBER_INVALID");
        }
    }

    private static LocalDate date(String value, String field) {
        try {
            return blank(value) == null ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw CaseProblem.invalid(field, "DATE_INVALID");
        }
    }
}
