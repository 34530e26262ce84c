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

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changing a person's record on pages: the fields (with the version the form was read at, so that a
 * change made meanwhile by someone else is shown, never overwritten) and a move to another village
 * the user may edit. Numbers the page only shows masked are typed anew or left blank to keep them.
 */
@Controller
class PersonEditPageController {

    private final PersonService persons;
    private final Regions regions;
    private final PageForms forms;

    PersonEditPageController(PersonService persons, Regions regions, PageForms forms) {
        this.persons = persons;
        this.regions = regions;
        this.forms = forms;
    }

    @GetMapping("/persons/{id}/edit")
    @Allow(Action.PERSON_EDIT)
    String edit(@PathVariable long id, CurrentUser user, Model model) {
        PersonRecord person = editable(id, user);
        return editForm(person, values(person), Map.of(), null, model);
    }

    @PostMapping("/persons/{id}/edit")
    @Allow(Action.PERSON_EDIT)
    String save(@PathVariable long id, @RequestParam Map<String, String> fields, CurrentUser user, Model model, HttpServletRequest request) {
        PersonRecord current = editable(id, user);
        Integer category = PageForms.integer(fields.get("disabilityCategory"));
        Integer grade = PageForms.integer(fields.get("disabilityGrade"));
        boolean reassessed = !java.util.Objects.equals(category, current.category()) || !java.util.Objects.equals(grade, current.grade());
        String certificate = PageForms.blankToNull(fields.get("certificateNumber"));
        if (certificate == null && reassessed) {
            certificate = PageForms.certificateOrDerived(null, current.idNumber(), category, grade);
        }
        Map<String, String> errors = new HashMap<>();
        LocalDate issued = null;
        try {
            issued = PageForms.blankToNull(fields.get("certificateIssuedOn")) == null ? null : LocalDate.parse(fields.get("certificateIssuedOn").strip());
        } catch (DateTimeParseException e) {
            errors.put("certificateIssuedOn", "DATE_INVALID");
        }
        PersonForm form = new PersonForm(fields.get("name"), null, certificate, category, grade, null,
                PageForms.blankToNull(fields.get("phone")), fields.getOrDefault("address", ""), issued,
                fields.getOrDefault("registrationType", ""), fields.getOrDefault("maritalStatus", ""),
                Integer.valueOf(7).equals(category) ? PageForms.components(fields) : null);
        try {
            if (!errors.isEmpty()) {
                throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("certificateIssuedOn", "DATE_INVALID")), null);
            }
            persons.update(id, form, PageForms.integer(fields.get("version")), user, "PAGE");
            return "redirect:/persons/" + id;
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.STALE) {
                // Someone saved in between: keep what this user typed, show what is now recorded, and take the new version
                // so that saving again is a decision made knowing the other change.
                PersonRecord now = (PersonRecord) e.current();
                Map<String, String> kept = new HashMap<>(fields);
                kept.put("version", String.valueOf(now.version()));
                return editForm(now, kept, Map.of(), PersonApiController.PersonJson.of(now), model);
            }
            if (e.kind() == PersonProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            return editForm(current, fields, forms.fieldErrors(e.problems(), request), null, model);
        }
    }

    private String editForm(PersonRecord person, Map<String, String> values, Map<String, String> errors,
                            PersonApiController.PersonJson conflict, Model model) {
        model.addAttribute("person", PersonApiController.PersonJson.of(person));
        model.addAttribute("village", regions.find(RegionCode.of(person.villageCode())).orElseThrow());
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        model.addAttribute("today", LocalDate.now().toString());
        return "registry/edit";
    }

    private static Map<String, String> values(PersonRecord person) {
        Map<String, String> values = new HashMap<>();
        values.put("name", person.name());
        values.put("disabilityCategory", String.valueOf(person.category()));
        values.put("disabilityGrade", String.valueOf(person.grade()));
        values.put("certificateIssuedOn", person.certificateIssuedOn() == null ? "" : person.certificateIssuedOn().toString());
        values.put("address", person.address() == null ? "" : person.address());
        values.put("registrationType", person.registrationType() == null ? "" : person.registrationType());
        values.put("maritalStatus", person.maritalStatus() == null ? "" : person.maritalStatus());
        values.put("version", String.valueOf(person.version()));
        PageForms.putComponents(values, person.components());
        return values;
    }

    /** Where the person may be moved: the villages the user may edit (a move from elsewhere is a transfer request). */
    @GetMapping("/persons/{id}/transfer")
    @Allow(Action.PERSON_EDIT)
    String transferForm(@PathVariable long id, CurrentUser user, Model model) {
        return transferPage(editable(id, user), user, Map.of(), model);
    }

    @PostMapping("/persons/{id}/transfer")
    @Allow(Action.PERSON_EDIT)
    String transfer(@PathVariable long id, @RequestParam(required = false) String villageCode, CurrentUser user, Model model,
                    HttpServletRequest request) {
        PersonRecord person = editable(id, user);
        try {
            persons.transfer(id, villageCode, user, "PAGE");
            return "redirect:/persons/" + id;
        } catch (PersonProblem e) {
            return transferPage(person, user, forms.fieldErrors(e.problems(), request), model);
        }
    }

    private String transferPage(PersonRecord person, CurrentUser user, Map<String, String> errors, Model model) {
        model.addAttribute("person", PersonApiController.PersonJson.of(person));
        model.addAttribute("village", regions.find(RegionCode.of(person.villageCode())).orElseThrow());
        model.addAttribute("villages", forms.villagesOf(user).stream().filter(v -> v.code() != person.villageCode()).toList());
        model.addAttribute("errors", errors);
        return "registry/transfer";
    }

    private PersonRecord editable(long id, CurrentUser user) {
        return persons.load(id).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
