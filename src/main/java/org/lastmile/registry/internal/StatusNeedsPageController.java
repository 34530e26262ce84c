package org.lastmile.registry.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.registry.FormDefinition;
import org.lastmile.registry.StatusNeeds;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status-and-needs form on a phone, one topic saved at a time (a partial save is the normal case,
 * and the skip rules show the next items after each save), last year's answers ticked to confirm;
 * and the completion lists: villages of a place, persons of a village.
 */
@Controller
class StatusNeedsPageController {

    private final StatusNeedsService records;
    private final StatusNeedsCompletion completion;
    private final FormDefinitions forms;
    private final PersonService persons;
    private final Regions regions;
    private final PageForms pageForms;

    StatusNeedsPageController(StatusNeedsService records, StatusNeedsCompletion completion, FormDefinitions forms, PersonService persons,
                              Regions regions, PageForms pageForms) {
        this.records = records;
        this.completion = completion;
        this.forms = forms;
        this.persons = persons;
        this.regions = regions;
        this.pageForms = pageForms;
    }

    @GetMapping("/persons/{id}/status-needs")
    @Allow(Action.PERSON_READ)
    String thisYear(@PathVariable long id) {
        return "redirect:/persons/" + id + "/status-needs/" + LocalDate.now().getYear();
    }

    @GetMapping("/persons/{id}/status-needs/{year}")
    @Allow(Action.PERSON_READ)
    String form(@PathVariable long id, @PathVariable int year, CurrentUser user, Model model) {
        StatusNeedsService.Record record = records.read(id, year, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        PersonRecord person = persons.load(id).orElseThrow();
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        if (!model.containsAttribute("conflict")) {
            model.addAttribute("conflict", false);
        }
        if (!model.containsAttribute("saved")) {
            model.addAttribute("saved", "");
        }
        model.addAttribute("record", record);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> typed = (Map<String, List<String>>) model.getAttribute("typed");
        model.addAttribute("topics", StatusNeedsView.topics(forms.forYear(FormDefinitions.STATUS_NEEDS, year).orElseThrow(), record, typed,
                org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        model.addAttribute("person", PersonApiController.PersonJson.of(person));
        model.addAttribute("village", regions.find(RegionCode.of(person.villageCode())).orElseThrow());
        model.addAttribute("mayEdit", user.scope(Action.PERSON_EDIT).contains(person.villageCode()));
        return "registry/status-needs";
    }

    /** Saves one topic's answers, as shown: a ticked answer carried from last year is thereby confirmed. */
    @PostMapping("/persons/{id}/status-needs/{year}")
    @Allow(Action.PERSON_EDIT)
    String save(@PathVariable long id, @PathVariable int year, @RequestParam MultiValueMap<String, String> fields, CurrentUser user,
                HttpServletRequest request, RedirectAttributes redirect) {
        FormDefinition form = forms.forYear(FormDefinitions.STATUS_NEEDS, year).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        String topic = fields.getFirst("topic");
        Map<String, Object> answers = new LinkedHashMap<>();
        Map<String, String> errors = new HashMap<>();
        for (FormDefinition.Item item : form.items()) {
            if (!item.topic().equals(topic)) {
                continue;
            }
            List<String> given = fields.getOrDefault("item." + item.code(), List.of()).stream().filter(v -> !v.isBlank()).toList();
            if (given.isEmpty()) {
                continue;
            }
            switch (item.type()) {
                case MULTIPLE -> answers.put(item.code(), given);
                case TAG -> answers.put(item.code(), Boolean.parseBoolean(given.get(0)));
                case NUMBER -> {
                    try {
                        answers.put(item.code(), new java.math.BigDecimal(given.get(0).strip()).doubleValue());
                    } catch (NumberFormatException e) {
                        errors.put("item-" + item.code(), "NUMBER_INVALID");
                    }
                }
                default -> answers.put(item.code(), given.get(0).strip());
            }
        }
        LocalDate today = LocalDate.now();
        Long version = PersonApiController.longVersion(fields.getFirst("version"));
        try {
            if (!errors.isEmpty()) {
                throw new PersonProblem(PersonProblem.Kind.INVALID, errors.entrySet().stream()
                        .map(e -> new PersonProblem.FieldProblem(e.getKey().substring(5), e.getValue())).toList(), null);
            }
            records.save(id, year, answers, version == null ? -1L : version, StatusNeeds.Source.SURVEY,
                    year == today.getYear() ? today : LocalDate.of(year, 12, 31), user);
            redirect.addFlashAttribute("saved", topic);
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            Map<String, String> fieldErrors = new LinkedHashMap<>();
            pageForms.fieldErrors(e.problems(), request).forEach((item, message) -> fieldErrors.put("item-" + item, message));
            redirect.addFlashAttribute("errors", fieldErrors);
            redirect.addFlashAttribute("conflict", e.kind() == PersonProblem.Kind.STALE);
            redirect.addFlashAttribute("typed", new HashMap<>(fields));
        }
        return "redirect:/persons/" + id + "/status-needs/" + year + "#topic-" + topic;
    }

    /** How far the year's records have come: the villages of a place, or the persons of a village. */
    @GetMapping("/status-needs")
    @Allow(Action.PERSON_READ)
    String completion(@RequestParam(required = false) String region, @RequestParam(required = false) Integer year, CurrentUser user,
                      Model model) {
        int asked = year == null ? LocalDate.now().getYear() : year;
        RegionCode code = region == null || region.isBlank()
                ? RegionCode.of(user.scope(Action.PERSON_READ).ranges().get(0).first())
                : RegionCode.parse(region).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Region place = regions.find(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("place", place);
        model.addAttribute("year", asked);
        if (place.level() == RegionLevel.VILLAGE) {
            model.addAttribute("persons", completion.persons(place.code(), asked, user));
            model.addAttribute("villages", List.of());
        } else {
            List<StatusNeedsCompletion.Village> villages = completion.villages(code, asked, user);
            Map<Long, String> names = new HashMap<>();
            villages.forEach(v -> regions.find(RegionCode.of(v.villageCode())).ifPresent(r -> names.put(v.villageCode(),
                    (r.path().size() >= 2 ? r.path().get(r.path().size() - 2).name() + " · " : "") + r.name())));
            model.addAttribute("villages", villages);
            model.addAttribute("villageNames", names);
            model.addAttribute("persons", List.of());
        }
        if (!model.containsAttribute("villageNames")) {
            model.addAttribute("villageNames", Map.of());
        }
        return "registry/status-needs-completion";
    }
}
