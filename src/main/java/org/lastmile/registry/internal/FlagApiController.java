package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.registry.FlagRule;
import org.lastmile.region.RegionCode;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * Precise identification: {@code GET /api/v1/flags?type=&regionCode=&status=} (open by default),
 * {@code GET /api/v1/flags/counts}, {@code POST /api/v1/flags/{type}/{personId}/outcome}, and the rules'
 * parameters per province, {@code GET /api/v1/flag-rules?provinceCode=}, {@code PUT|DELETE
 * /api/v1/flag-rules/{type}/{provinceCode}} (case workers granted at that province).
 */
@RestController
class FlagApiController {

    record Outcome(String outcome, String reason) {
    }

    record Params(Map<String, Object> params) {
    }

    private final FlagService flags;

    FlagApiController(FlagService flags) {
        this.flags = flags;
    }

    @GetMapping("/api/v1/flags")
    @Allow(Action.PERSON_READ)
    PageResult<FlagService.Flag> list(@RequestParam(required = false) String type, @RequestParam(required = false) String regionCode,
                                      @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                                      @RequestParam(required = false) Integer size, CurrentUser user) {
        return flags.list(rule(type), region(regionCode, user), status, user, PageRequest.of(page, size));
    }

    @GetMapping("/api/v1/flags/counts")
    @Allow(Action.PERSON_READ)
    List<FlagService.PlaceCount> counts(@RequestParam(required = false) String regionCode, @RequestParam(required = false) String status,
                                        CurrentUser user) {
        return flags.counts(region(regionCode, user), status, user);
    }

    @PostMapping("/api/v1/flags/{type}/{personId}/outcome")
    @Allow(Action.PERSON_EDIT)
    Map<String, String> decide(@PathVariable String type, @PathVariable long personId, @RequestBody Outcome outcome, CurrentUser user) {
        flags.decide(ruleRequired(type), personId, outcome.outcome(), outcome.reason(), user);
        return Map.of("outcome", outcome.outcome());
    }

    @GetMapping("/api/v1/flag-rules")
    @Allow(Action.PERSON_READ)
    List<FlagService.RuleParams> rules(@RequestParam(required = false) String provinceCode, CurrentUser user) {
        return flags.rules(region(provinceCode, user).prefixAt(org.lastmile.region.RegionLevel.PROVINCE));
    }

    @PutMapping("/api/v1/flag-rules/{type}/{provinceCode}")
    @Allow(Action.CASE_MANAGE)
    FlagService.RuleParams setRule(@PathVariable String type, @PathVariable String provinceCode, @RequestBody Params params, CurrentUser user) {
        if (params.params() == null) {
            throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("params", "PARAM_INVALID")), null);
        }
        return flags.setParams(ruleRequired(type), code(provinceCode).value(), params.params(), user);
    }

    @DeleteMapping("/api/v1/flag-rules/{type}/{provinceCode}")
    @Allow(Action.CASE_MANAGE)
    FlagService.RuleParams resetRule(@PathVariable String type, @PathVariable String provinceCode, CurrentUser user) {
        return flags.setParams(ruleRequired(type), code(provinceCode).value(), null, user);
    }

    /** The place asked for, or the user's first place. */
    static RegionCode region(String regionCode, CurrentUser user) {
        if (regionCode == null || regionCode.isBlank()) {
            return RegionCode.of(user.scope(Action.PERSON_READ).ranges().get(0).first());
        }
        return code(regionCode);
    }

    private static RegionCode code(String text) {
        return RegionCode.parse(text).orElseThrow(() -> new PersonProblem(PersonProblem.Kind.INVALID,
                List.of(new PersonProblem.FieldProblem("regionCode", "VILLAGE_UNKNOWN")), null));
    }

    static FlagRule rule(String type) {
        return type == null || type.isBlank() ? null : ruleRequired(type);
    }

    static FlagRule ruleRequired(String type) {
        try {
            return FlagRule.valueOf(type == null ? "" : type.strip());
        } catch (IllegalArgumentException e) {
            throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("type", "CHOICE_INVALID")), null);
        }
    }
}
