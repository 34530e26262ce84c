package org.lastmile.registry.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Role;
import org.lastmile.platform.PageRequest;
import org.lastmile.registry.FlagRule;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Precise identification on pages: the open flags of a place with counts by place and rule, each
 * flag's evidence and a form to record what was done; and the rules' parameters of the province,
 * which its case workers may change.
 */
@Controller
public class FlagPageController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final FlagService flags;
    private final Regions regions;
    private final PageForms forms;

    FlagPageController(FlagService flags, Regions regions, PageForms forms) {
        this.flags = flags;
        this.regions = regions;
        this.forms = forms;
    }

    @GetMapping("/flags")
    @Allow(Action.PERSON_READ)
    String list(@RequestParam(required = false) String region, @RequestParam(required = false) String type,
                @RequestParam(required = false) String status, @RequestParam(required = false) Integer page, CurrentUser user, Model model) {
        RegionCode code = FlagApiController.region(region, user);
        Region place = regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String shown = status == null || !FlagService.STATUSES.contains(status) ? "open" : status;
        FlagRule rule = type == null || type.isBlank() ? null : FlagApiController.ruleRequired(type);
        var counts = flags.counts(code, shown, user);
        Map<Long, String> names = new HashMap<>();
        counts.forEach(c -> regions.find(RegionCode.of(c.placeCode())).ifPresent(r -> names.put(c.placeCode(), r.name())));
        var found = flags.list(rule, code, shown, user, PageRequest.of(page, 50));
        found.items().forEach(f -> names.computeIfAbsent(f.villageCode(), v -> regions.find(RegionCode.of(v)).map(Region::name).orElse("")));
        model.addAttribute("place", place);
        model.addAttribute("rule", rule == null ? "" : rule.name());
        model.addAttribute("status", shown);
        model.addAttribute("rules", List.of(FlagRule.values()));
        model.addAttribute("counts", counts);
        model.addAttribute("names", names);
        model.addAttribute("flags", found);
        model.addAttribute("mayDecide", !user.scope(Action.PERSON_EDIT).isEmpty());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/flags";
    }

    @PostMapping("/flags/{type}/{personId}/outcome")
    @Allow(Action.PERSON_EDIT)
    String decide(@PathVariable String type, @PathVariable long personId, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String back, CurrentUser user,
                  HttpServletRequest request, RedirectAttributes redirect) {
        try {
            flags.decide(FlagApiController.ruleRequired(type), personId, outcome, reason, user);
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            Map<String, String> errors = new HashMap<>();
            forms.fieldErrors(e.problems(), request).forEach((field, message) -> errors.put(field + "-" + type + "-" + personId, message));
            redirect.addFlashAttribute("errors", errors);
        }
        // Back to the list as it was (only a path of this site is followed).
        return "redirect:" + (back != null && back.startsWith("/flags") && !back.startsWith("//") ? back : "/flags");
    }

    @GetMapping("/flag-rules")
    @Allow(Action.PERSON_READ)
    String rules(@RequestParam(required = false) String province, CurrentUser user, Model model) {
        long provinceCode = FlagApiController.region(province, user).prefixAt(RegionLevel.PROVINCE);
        model.addAttribute("province", regions.find(RegionCode.of(provinceCode)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        model.addAttribute("rules", flags.rules(provinceCode).stream().map(r -> new RuleView(r.rule().name(), JSON.writeValueAsString(r.params()),
                JSON.writeValueAsString(FlagService.defaults(r.rule())), r.overridden())).toList());
        model.addAttribute("mayChange", user.grants().stream()
                .anyMatch(g -> g.role() == Role.CASE_WORKER && g.regionCode() != null && g.regionCode() == provinceCode));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/flag-rules";
    }

    /** Evidence values as text: lists joined, everything else as it is. */
    public static String evidence(Object value) {
        if (value instanceof List<?> list) {
            return String.join("、", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    public record RuleView(String rule, String params, String defaults, boolean overridden) {
    }

    @PostMapping("/flag-rules/{type}/{province}")
    @Allow(Action.CASE_MANAGE)
    String setRule(@PathVariable String type, @PathVariable long province, @RequestParam(required = false) String params,
                   @RequestParam(required = false) String reset, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        FlagRule rule = FlagApiController.ruleRequired(type);
        try {
            Map<String, Object> parsed = null;
            if (reset == null) {
                try {
                    parsed = JSON.readValue(params == null ? "" : params, new TypeReference<Map<String, Object>>() { });
                } catch (RuntimeException e) {
                    throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("params", "PARAM_INVALID")), null);
                }
            }
            flags.setParams(rule, province, parsed, user);
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            Map<String, String> errors = new HashMap<>();
            forms.fieldErrors(e.problems(), request).forEach((field, message) -> errors.merge("params-" + type, field + ": " + message, (a, b) -> a + " " + b));
            redirect.addFlashAttribute("errors", errors);
        }
        return "redirect:/flag-rules?province=" + province + "#rule-" + type;
    }
}
