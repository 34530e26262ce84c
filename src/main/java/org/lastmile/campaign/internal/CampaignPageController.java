package org.lastmile.campaign.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.PageRequest;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Campaign pages: the worker's worklist (and its A4 print), the visit form with the family's facts
 * and visits so far, the campaigns with coverage drilling from the county to the village, and the
 * village's review of its list.
 */
@Controller
public class CampaignPageController {

    /** Shown on the visit form: a family's earlier visits and open difficulties. */
    public record FamilyView(long targetId, long campaignId, String campaignName, long personId, String name, long villageCode, List<String> reasons,
                             List<VisitService.Visit> visits) {
    }

    private final CampaignService campaigns;
    private final VisitService visits;
    private final Worklists worklists;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final org.lastmile.registry.Contacts contacts;
    private final org.lastmile.registry.StatusNeeds statusNeeds;

    CampaignPageController(CampaignService campaigns, VisitService visits, Worklists worklists, Regions regions, JdbcClient jdbc,
                           MessageSource messages, org.lastmile.registry.Contacts contacts, org.lastmile.registry.StatusNeeds statusNeeds) {
        this.statusNeeds = statusNeeds;
        this.contacts = contacts;
        this.campaigns = campaigns;
        this.visits = visits;
        this.worklists = worklists;
        this.regions = regions;
        this.jdbc = jdbc;
        this.messages = messages;
    }

    @GetMapping("/worklist")
    @Allow(Action.VISIT_RECORD)
    String worklist(CurrentUser user, Model model) {
        model.addAttribute("items", worklists.worklist(user));
        model.addAttribute("today", LocalDate.now());
        if (!model.containsAttribute("saved")) {
            model.addAttribute("saved", false);
        }
        return "campaign/worklist";
    }

    @GetMapping("/worklist/print")
    @Allow(Action.VISIT_RECORD)
    String print(CurrentUser user, Model model) {
        model.addAttribute("items", worklists.worklist(user));
        model.addAttribute("today", LocalDate.now());
        return "campaign/worklist-print";
    }

    /** A status-and-needs item asked on the visit form, prefilled with the latest answer, to confirm or change. */
    public record NeedItem(String code, String label, boolean multiple, List<NeedOption> options) {
    }

    public record NeedOption(String code, String label, boolean chosen) {
    }

    /** The items a visit commonly learns about: the subsidies received, illness lately, rehabilitation needed. */
    static final List<String> VISIT_ITEMS = List.of("S03", "H01", "H04");

    private List<NeedItem> needItems(long personId, Map<String, String> typed, CurrentUser user, java.util.Locale locale) {
        var form = statusNeeds.form(LocalDate.now().getYear());
        if (form.isEmpty()) {
            return List.of();
        }
        Map<String, Object> latest = statusNeeds.latest(personId, user);
        List<NeedItem> items = new ArrayList<>();
        for (String code : VISIT_ITEMS) {
            form.get().item(code).ifPresent(item -> {
                Object value = typed.containsKey("clientId") ? typed.get("sn." + code) : latest.get(code);
                List<NeedOption> options = item.options().stream().map(o -> new NeedOption(o.code(),
                        org.lastmile.registry.FormDefinition.label(o.label(), locale),
                        value instanceof List<?> list ? list.contains(o.code()) : o.code().equals(value))).toList();
                items.add(new NeedItem(code, org.lastmile.registry.FormDefinition.label(item.label(), locale),
                        item.type() == org.lastmile.registry.FormDefinition.Type.MULTIPLE, options));
            });
        }
        return items;
    }

    public record OfflineFamily(long targetId, long personId, String name, String phone, List<String> reasons, String lastOutcome,
                                LocalDate nextContactOn) {
    }

    /**
     * What the phone keeps for work without signal: the worklist with the families' phone numbers (revealed for
     * calling them, audited as one reveal), and the time it was read (a later change on the server is then a conflict).
     */
    @GetMapping("/worklist/offline.json")
    @Allow(Action.VISIT_RECORD)
    @org.springframework.web.bind.annotation.ResponseBody
    Map<String, Object> offline(CurrentUser user) {
        List<Worklists.Item> items = worklists.worklist(user);
        Map<Long, String> phones = contacts.phones(items.stream().map(Worklists.Item::personId).distinct().toList(), "离线走访联系家庭", user);
        List<OfflineFamily> families = items.stream().map(i -> new OfflineFamily(i.targetId(), i.personId(), i.name(), phones.get(i.personId()),
                i.reasons(), i.lastOutcome(), i.nextContactOn())).toList();
        return Map.of("user", user.username(), "seenAt", java.time.OffsetDateTime.now().toString(), "families", families);
    }

    record PhoneVisit(VisitService.VisitForm visit, java.time.OffsetDateTime seenAt, boolean force) {
    }

    /** A visit sent from the phone's queue (JSON with the page's CSRF header): 201 new, 200 already stored, 409 conflict. */
    @PostMapping(value = "/visits/sync", consumes = "application/json")
    @Allow(Action.VISIT_RECORD)
    @org.springframework.web.bind.annotation.ResponseBody
    org.springframework.http.ResponseEntity<Map<String, Object>> sync(@org.springframework.web.bind.annotation.RequestBody PhoneVisit body,
                                                                     CurrentUser user, HttpServletRequest request) {
        try {
            VisitService.Recorded recorded = visits.recordFromPhone(body.visit(), body.seenAt(), body.force(), user);
            return org.springframework.http.ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(Map.of("id", recorded.visit().id(), "clientId", recorded.visit().clientId()));
        } catch (CampaignProblem e) {
            HttpStatus status = switch (e.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case CONFLICT -> HttpStatus.CONFLICT;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
            };
            List<Map<String, String>> errors = e.problems().stream()
                    .map(p -> Map.of("field", p.field(), "code", p.code(), "message", message(p.code(), request))).toList();
            return org.springframework.http.ResponseEntity.status(status).body(Map.of("errors", errors));
        }
    }

    /** A blank visit form to print (A4), for areas where paper is still used; the answers are typed in later. */
    @GetMapping("/worklist/print-form")
    @Allow(Action.VISIT_RECORD)
    String printForm(Model model) {
        model.addAttribute("modes", List.of("HOME", "PHONE", "OTHER"));
        model.addAttribute("outcomes", List.of("MET", "NOT_AT_HOME", "UNREACHABLE", "REFUSED", "DECEASED", "MOVED"));
        model.addAttribute("domains", List.of("POVERTY_RELIEF", "LIVING_ASSISTANCE", "REHABILITATION_MEDICAL", "EMPLOYMENT", "SCHOOLING", "CARE",
                "PRODUCTION", "HOME_ACCESSIBILITY", "OTHER"));
        model.addAttribute("urgencies", List.of("SUDDEN", "URGENT", "TEMPORARY", "ONGOING"));
        return "campaign/visit-print";
    }

    @GetMapping("/visits/new")
    @Allow(Action.VISIT_RECORD)
    String visitForm(@RequestParam long target, CurrentUser user, Model model) {
        FamilyView family = family(target, user);
        Map<String, String> values = new HashMap<>();
        // A new client id per form: sending the same form twice records one visit.
        values.put("clientId", UUID.randomUUID().toString());
        values.put("visitedAt", LocalDateTime.now().withSecond(0).withNano(0).toString());
        values.put("nextContactOn", LocalDate.now().plusDays(30).toString());
        return visitPage(family, values, Map.of(), user, model);
    }

    @PostMapping("/visits")
    @Allow(Action.VISIT_RECORD)
    String visit(@RequestParam Map<String, String> fields, CurrentUser user, Model model, HttpServletRequest request,
                 RedirectAttributes redirect) {
        long target = parseLong(fields.get("targetId"));
        FamilyView family = family(target, user);
        List<VisitService.Difficulty> difficulties = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String domain = fields.get("difficulty" + i + "Domain");
            if (domain != null && !domain.isBlank()) {
                difficulties.add(new VisitService.Difficulty(domain, fields.get("difficulty" + i + "Urgency"), fields.get("difficulty" + i + "Description"),
                        "true".equals(fields.get("difficulty" + i + "Solved"))));
            }
        }
        Map<String, String> errors = new LinkedHashMap<>();
        java.time.OffsetDateTime visitedAt = null;
        try {
            visitedAt = LocalDateTime.parse(fields.getOrDefault("visitedAt", "")).atZone(ZoneId.systemDefault()).toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException e) {
            errors.put("visitedAt", message("DATE_INVALID", request));
        }
        LocalDate next = null;
        BigDecimal cash = null;
        try {
            next = blank(fields.get("nextContactOn")) == null ? null : LocalDate.parse(fields.get("nextContactOn"));
        } catch (java.time.format.DateTimeParseException e) {
            errors.put("nextContactOn", message("DATE_INVALID", request));
        }
        try {
            cash = blank(fields.get("comfortCash")) == null ? null : new BigDecimal(fields.get("comfortCash").strip());
        } catch (NumberFormatException e) {
            errors.put("comfortCash", message("AMOUNT_INVALID", request));
        }
        if (errors.isEmpty()) {
            try {
                Map<String, Object> needs = new LinkedHashMap<>();
                var form = statusNeeds.form(LocalDate.now().getYear());
                if ("MET".equals(fields.get("outcome")) && form.isPresent()) {
                    for (String code : VISIT_ITEMS) {
                        String[] given = request.getParameterValues("sn." + code);
                        boolean multiple = form.get().item(code).map(i -> i.type() == org.lastmile.registry.FormDefinition.Type.MULTIPLE).orElse(false);
                        if (given != null && given.length > 0) {
                            needs.put(code, multiple ? List.of(given) : given[0]);
                        }
                    }
                }
                visits.record(new VisitService.VisitForm(fields.get("clientId"), target, fields.get("mode"), visitedAt, blank(fields.get("visitors")),
                        fields.get("outcome"), blank(fields.get("note")), difficulties, blank(fields.get("comfortGoods")), cash, next, needs), user);
                redirect.addFlashAttribute("saved", true);
                return "redirect:/worklist";
            } catch (CampaignProblem e) {
                if (e.kind() == CampaignProblem.Kind.NOT_FOUND) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                for (CampaignProblem.FieldProblem p : e.problems()) {
                    errors.merge(p.field().replace("[", "").replace("].", "").replace("difficulties", "difficulty"), message(p.code(), request),
                            (a, b) -> a + " " + b);
                }
            }
        }
        return visitPage(family, fields, errors, user, model);
    }

    private String visitPage(FamilyView family, Map<String, String> values, Map<String, String> errors, CurrentUser user, Model model) {
        model.addAttribute("needs", needItems(family.personId(), values, user, org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("family", family);
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("modes", List.of("HOME", "PHONE", "OTHER"));
        model.addAttribute("outcomes", List.of("MET", "NOT_AT_HOME", "UNREACHABLE", "REFUSED", "DECEASED", "MOVED"));
        model.addAttribute("domains", List.of("POVERTY_RELIEF", "LIVING_ASSISTANCE", "REHABILITATION_MEDICAL", "EMPLOYMENT", "SCHOOLING", "CARE",
                "PRODUCTION", "HOME_ACCESSIBILITY", "OTHER"));
        model.addAttribute("urgencies", List.of("SUDDEN", "URGENT", "TEMPORARY", "ONGOING"));
        model.addAttribute("today", LocalDate.now().toString());
        model.addAttribute("seenAt", java.time.OffsetDateTime.now().toString());
        return "campaign/visit";
    }

    private FamilyView family(long targetId, CurrentUser user) {
        var row = jdbc.sql("select t.id, t.campaign_id, c.name, t.person_id, p.name as person_name, t.village_code, t.reasons"
                        + " from campaign_target t join campaign c on c.id = t.campaign_id join registry_v_person p on p.person_id = t.person_id"
                        + " where t.id = ?")
                .param(targetId)
                .query((rs, n) -> new FamilyView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getLong(6),
                        List.of((String[]) rs.getArray(7).getArray()), List.of()))
                .optional().filter(f -> user.scope(Action.VISIT_RECORD).contains(f.villageCode()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return new FamilyView(row.targetId(), row.campaignId(), row.campaignName(), row.personId(), row.name(), row.villageCode(), row.reasons(),
                visits.ofPerson(row.personId(), user));
    }

    @GetMapping("/campaigns")
    @Allow({Action.CAMPAIGN_MANAGE, Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.REPORT_READ})
    String campaigns(CurrentUser user, Model model) {
        model.addAttribute("campaigns", campaigns.list(user));
        model.addAttribute("mayManage", user.may(Action.CAMPAIGN_MANAGE));
        model.addAttribute("owner", user.scope(Action.CAMPAIGN_MANAGE).isEmpty() ? ""
                : Long.toString(user.scope(Action.CAMPAIGN_MANAGE).ranges().get(0).first()));
        model.addAttribute("today", LocalDate.now().toString());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "campaign/campaigns";
    }

    @PostMapping("/campaigns")
    @Allow(Action.CAMPAIGN_MANAGE)
    String create(@RequestParam Map<String, String> fields, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            CampaignService.Campaign campaign = campaigns.create(new CampaignService.NewCampaign(blank(fields.get("name")), fields.get("ownerCode"),
                    date(fields.get("startsOn")), date(fields.get("endsOn")), null, "covid-2020", null), user);
            campaigns.screen(campaign.id(), user);
            return "redirect:/campaigns/" + campaign.id();
        } catch (CampaignProblem e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.problems().forEach(p -> errors.merge(p.field(), message(p.code(), request), (a, b) -> a + " " + b));
            redirect.addFlashAttribute("errors", errors);
            return "redirect:/campaigns";
        }
    }

    /** Coverage in a place with its places one level down; a village links to its review list. */
    @GetMapping("/campaigns/{id}")
    @Allow({Action.CAMPAIGN_MANAGE, Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.REPORT_READ})
    String campaign(@PathVariable long id, @RequestParam(required = false) String region, CurrentUser user, Model model) {
        CampaignService.Campaign campaign = campaigns.visible(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        RegionCode code = region == null || region.isBlank() ? RegionCode.of(campaign.ownerCode())
                : RegionCode.parse(region).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Region place = regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Worklists.CoverageReport report = worklists.coverage(id, code, user);
        Map<Long, String> names = new HashMap<>();
        report.byChild().forEach(c -> regions.find(RegionCode.of(c.placeCode())).ifPresent(r -> names.put(c.placeCode(), r.name())));
        model.addAttribute("campaign", campaign);
        model.addAttribute("place", place);
        model.addAttribute("report", report);
        model.addAttribute("names", names);
        model.addAttribute("childIsVillage", code.levelByDigits().ordinal() >= RegionLevel.TOWNSHIP.ordinal());
        model.addAttribute("mayReview", user.may(Action.TARGET_REVIEW));
        model.addAttribute("mayManage", user.scope(Action.CAMPAIGN_MANAGE).covers(RegionCode.of(campaign.ownerCode())));
        boolean mayReadNames = !CampaignService.readable(user).isEmpty();
        model.addAttribute("openFamilies", mayReadNames && code.levelByDigits() == RegionLevel.VILLAGE
                ? campaigns.targets(id, code, "OPEN", user, PageRequest.of(0, 500)).items() : List.of());
        model.addAttribute("unreachable", mayReadNames ? campaigns.unreachable(id, code, user) : List.of());
        return "campaign/campaign";
    }

    /** The coverage table as a workbook: the place and each place one level down. */
    @GetMapping("/campaigns/{id}/coverage.xlsx")
    @Allow({Action.CAMPAIGN_MANAGE, Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.REPORT_READ})
    org.springframework.http.ResponseEntity<byte[]> coverageWorkbook(@PathVariable long id, @RequestParam(required = false) String region,
                                                                     CurrentUser user, HttpServletRequest request) {
        CampaignService.Campaign campaign = campaigns.visible(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        RegionCode code = region == null || region.isBlank() ? RegionCode.of(campaign.ownerCode())
                : RegionCode.parse(region).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Worklists.CoverageReport report = worklists.coverage(id, code, user);
        java.util.Locale locale = RequestContextUtils.getLocale(request);
        List<List<String>> head = new ArrayList<>();
        for (String key : List.of("registry.flags.place", "campaign.coverage.targets", "campaign.coverage.confirmed", "campaign.coverage.visited",
                "campaign.coverage.closed", "campaign.coverage.open", "campaign.coverage.refused", "campaign.coverage.unreachable")) {
            head.add(List.of(messages.getMessage(key, null, locale)));
        }
        List<List<Object>> rows = new ArrayList<>();
        List<Worklists.Coverage> all = new ArrayList<>(report.byChild());
        all.add(report.total());
        for (Worklists.Coverage c : all) {
            rows.add(List.of(regions.find(RegionCode.of(c.placeCode())).map(Region::name).orElse(Long.toString(c.placeCode())), c.targets(),
                    c.confirmed(), c.visited(), c.closed(), c.open(), c.refused(), c.unreachable()));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        cn.idev.excel.FastExcel.write(out).head(head).sheet("coverage").doWrite(rows);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"coverage-" + id + "-" + code + ".xlsx\"")
                .body(out.toByteArray());
    }

    @PostMapping("/campaigns/{id}/screen")
    @Allow(Action.CAMPAIGN_MANAGE)
    String screen(@PathVariable long id, CurrentUser user) {
        campaigns.screen(id, user);
        return "redirect:/campaigns/" + id;
    }

    /** The village's list to review: reasons, removal with a reason, a family added, the list confirmed. */
    @GetMapping("/campaigns/{id}/review")
    @Allow(Action.TARGET_REVIEW)
    String review(@PathVariable long id, @RequestParam String village, CurrentUser user, Model model) {
        CampaignService.Campaign campaign = campaigns.visible(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        RegionCode code = RegionCode.parse(village).filter(c -> c.levelByDigits() == RegionLevel.VILLAGE && user.scope(Action.TARGET_REVIEW).contains(c.value()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("campaign", campaign);
        model.addAttribute("village", regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("targets", campaigns.targets(id, code, null, user, PageRequest.of(0, 1000)).items());
        model.addAttribute("status", campaigns.villages(id, code, user).stream().findFirst().orElse(null));
        model.addAttribute("others", jdbc.sql("select p.person_id, p.name from registry_v_person p where p.village_code = ? and p.life_status = 'ACTIVE'"
                        + " and not exists (select 1 from campaign_target t where t.campaign_id = ? and t.person_id = p.person_id) order by p.name limit 500")
                .params(code.value(), id).query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list());
        model.addAttribute("removeReasons", List.of("DECEASED", "MOVED", "NOT_IN_DIFFICULTY", "DUPLICATE", "OTHER"));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "campaign/review";
    }

    @PostMapping("/campaigns/{id}/review/add")
    @Allow(Action.TARGET_REVIEW)
    String add(@PathVariable long id, @RequestParam String village, @RequestParam(required = false) String personId,
               @RequestParam(required = false) String reason, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        return reviewChange(id, village, request, redirect, () -> campaigns.add(id, parseLong(personId), reason, user));
    }

    @PostMapping("/campaigns/{id}/review/{targetId}/remove")
    @Allow(Action.TARGET_REVIEW)
    String remove(@PathVariable long id, @PathVariable long targetId, @RequestParam String village, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String note, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        return reviewChange(id, village, request, redirect, () -> campaigns.remove(id, targetId, reason, note, user));
    }

    @PostMapping("/campaigns/{id}/review/confirm")
    @Allow(Action.TARGET_REVIEW)
    String confirm(@PathVariable long id, @RequestParam String village, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        return reviewChange(id, village, request, redirect, () -> campaigns.confirm(id, parseLong(village), user));
    }

    private String reviewChange(long id, String village, HttpServletRequest request, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
        } catch (CampaignProblem e) {
            if (e.kind() == CampaignProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            Map<String, String> errors = new LinkedHashMap<>();
            e.problems().forEach(p -> errors.merge(p.field(), message(p.code(), request), (a, b) -> a + " " + b));
            redirect.addFlashAttribute("errors", errors);
        }
        return "redirect:/campaigns/" + id + "/review?village=" + parseLong(village);
    }

    private String message(String code, HttpServletRequest request) {
        java.util.Locale locale = RequestContextUtils.getLocale(request);
        String registry = messages.getMessage("registry.error." + code, null, code, locale);
        return messages.getMessage("campaign.error." + code, null, registry, locale);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null || text.isBlank() ? null : LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
