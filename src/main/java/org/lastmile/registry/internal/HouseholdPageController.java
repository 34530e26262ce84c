package org.lastmile.registry.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.region.RegionCode;
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

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's household on a page: address, living alone and the carer (saved with the version the
 * form was read at), the members, certified ones chosen from the village's persons not yet in a
 * household, the others by name. A person with no household recorded gets one with a button.
 */
@Controller
class HouseholdPageController {

    private final HouseholdService households;
    private final PersonService persons;
    private final Regions regions;
    private final PageForms forms;

    HouseholdPageController(HouseholdService households, PersonService persons, Regions regions, PageForms forms) {
        this.households = households;
        this.persons = persons;
        this.regions = regions;
        this.forms = forms;
    }

    @GetMapping("/persons/{id}/household")
    @Allow(Action.PERSON_EDIT)
    String page(@PathVariable long id, CurrentUser user, Model model) {
        PersonRecord person = editable(id, user);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        HouseholdService.Household household = households.ofPerson(id).orElse(null);
        if (!model.containsAttribute("values")) {
            Map<String, String> values = new HashMap<>();
            if (household != null) {
                values.put("address", household.address() == null ? "" : household.address());
                values.put("carerName", household.carerName() == null ? "" : household.carerName());
                values.put("carerRelation", household.carerRelation() == null ? "" : household.carerRelation());
                values.put("livingAlone", Boolean.toString(household.livingAlone()));
                values.put("version", String.valueOf(household.version()));
            }
            model.addAttribute("values", values);
        }
        if (!model.containsAttribute("conflict")) {
            model.addAttribute("conflict", false);
        }
        model.addAttribute("person", PersonApiController.PersonJson.of(person));
        model.addAttribute("village", regions.find(RegionCode.of(person.villageCode())).orElseThrow());
        model.addAttribute("household", household);
        model.addAttribute("unhoused", household == null ? List.of() : households.unhoused(person.villageCode(), 300));
        model.addAttribute("relations", List.of("SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDCHILD", "GRANDPARENT", "OTHER", "HEAD"));
        return "registry/household";
    }

    @PostMapping("/persons/{id}/household")
    @Allow(Action.PERSON_EDIT)
    String create(@PathVariable long id, CurrentUser user) {
        households.ofPersonOrNew(editable(id, user), user);
        return "redirect:/persons/" + id + "/household";
    }

    @PostMapping("/persons/{id}/household/details")
    @Allow(Action.PERSON_EDIT)
    String details(@PathVariable long id, @RequestParam Map<String, String> fields, CurrentUser user, HttpServletRequest request,
                   RedirectAttributes redirect) {
        HouseholdService.Household household = householdOf(id, user);
        HouseholdService.HouseholdForm form = new HouseholdService.HouseholdForm(null, fields.getOrDefault("address", ""),
                "true".equals(fields.get("livingAlone")), fields.getOrDefault("carerName", ""), fields.getOrDefault("carerRelation", ""),
                // The carer's phone is shown masked: typed anew to change it, left blank to keep it.
                PageForms.blankToNull(fields.get("carerPhone")));
        try {
            households.update(household.id(), form, PageForms.integer(fields.get("version")), user);
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.STALE) {
                Map<String, String> kept = new HashMap<>(fields);
                kept.put("version", String.valueOf(((HouseholdService.Household) e.current()).version()));
                redirect.addFlashAttribute("values", kept);
                redirect.addFlashAttribute("conflict", true);
            } else {
                redirect.addFlashAttribute("values", fields);
                redirect.addFlashAttribute("errors", forms.fieldErrors(e.problems(), request));
            }
        }
        return "redirect:/persons/" + id + "/household";
    }

    @PostMapping("/persons/{id}/household/members")
    @Allow(Action.PERSON_EDIT)
    String addMember(@PathVariable long id, @RequestParam(required = false) String personId, @RequestParam(required = false) String name,
                     @RequestParam(required = false) String relation, @RequestParam(required = false) String disabledUncertified,
                     CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        HouseholdService.Household household = householdOf(id, user);
        Long certified = personId == null || personId.isBlank() ? null : PageForms.integer(personId) == null ? -1L : Long.parseLong(personId.strip());
        return change(id, request, redirect, () -> households.addMember(household.id(),
                new HouseholdService.MemberForm(certified, certified == null ? name : null, relation, "true".equals(disabledUncertified)), user));
    }

    @PostMapping("/persons/{id}/household/members/{memberId}/remove")
    @Allow(Action.PERSON_EDIT)
    String removeMember(@PathVariable long id, @PathVariable long memberId, CurrentUser user, HttpServletRequest request,
                        RedirectAttributes redirect) {
        HouseholdService.Household household = householdOf(id, user);
        return change(id, request, redirect, () -> households.removeMember(household.id(), memberId, user));
    }

    private String change(long id, HttpServletRequest request, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            redirect.addFlashAttribute("errors", forms.fieldErrors(e.problems(), request));
        }
        return "redirect:/persons/" + id + "/household";
    }

    private HouseholdService.Household householdOf(long personId, CurrentUser user) {
        editable(personId, user);
        return households.ofPerson(personId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private PersonRecord editable(long id, CurrentUser user) {
        return persons.load(id).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
