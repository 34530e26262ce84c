package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
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

import java.util.List;
import java.util.Map;

/**
 * The persons list and a person's page. The search form posts, so that an ID or phone number typed
 * into it never lands in a URL, the browser history or an access log.
 */
@Controller
class PersonPageController {

    private final PersonSearch search;
    private final PersonService persons;
    private final Regions regions;
    private final PersonImport imports;
    private final org.lastmile.access.Uploads uploads;
    private final org.lastmile.platform.Jobs jobs;
    private final PersonImportController importApi;
    private final org.springframework.context.MessageSource messages;
    private final HouseholdService households;
    private final PageForms forms;
    private final PersonExportJobs exportJobs;
    private final PersonExportController exportApi;
    private final DepartmentListImport lists;

    PersonPageController(PersonSearch search, PersonService persons, Regions regions, PersonImport imports,
                         org.lastmile.access.Uploads uploads, org.lastmile.platform.Jobs jobs, PersonImportController importApi,
                         org.springframework.context.MessageSource messages, HouseholdService households, PageForms forms,
                         PersonExportJobs exportJobs, PersonExportController exportApi, DepartmentListImport lists) {
        this.lists = lists;
        this.forms = forms;
        this.exportJobs = exportJobs;
        this.exportApi = exportApi;
        this.households = households;
        this.importApi = importApi;
        this.messages = messages;
        this.search = search;
        this.persons = persons;
        this.regions = regions;
        this.imports = imports;
        this.uploads = uploads;
        this.jobs = jobs;
    }

    @GetMapping("/persons")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    String list(@RequestParam(required = false) Integer page, CurrentUser user, Model model) {
        return results("", PageRequest.of(page, 50), user, model);
    }

    @PostMapping("/persons/search")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page, CurrentUser user, Model model) {
        return results(q == null ? "" : q.strip(), PageRequest.of(page, 50), user, model);
    }

    /** Exports what the list shows (the current search) as a job; the page then follows its progress. */
    @PostMapping("/persons/export")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    String export(@RequestParam(required = false) String q, @RequestParam(required = false) String format,
                  @RequestParam(required = false) List<String> reveal, @RequestParam(required = false) String purpose,
                  CurrentUser user, Model model, jakarta.servlet.http.HttpServletRequest request) {
        String query = q == null ? "" : q.strip();
        try {
            String id = exportJobs.start(new PersonSearch.Filter(query.length() > 40 ? query.substring(0, 40) : query, null, null, null, null),
                    user, reveal == null ? java.util.Set.of() : java.util.Set.copyOf(reveal), purpose, PersonExport.Format.of(format),
                    org.springframework.context.i18n.LocaleContextHolder.getLocale());
            return "redirect:/persons/exports/" + id;
        } catch (PersonProblem e) {
            model.addAttribute("errors", forms.fieldErrors(e.problems(), request));
            return results(query, PageRequest.of(0, 50), user, model);
        }
    }

    @GetMapping("/persons/exports/{id}")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    String exportStatus(@PathVariable String id, CurrentUser user, Model model) {
        model.addAttribute("export", exportJobs.status(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return "registry/export";
    }

    @GetMapping("/persons/exports/{id}/file")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> exportFile(
            @PathVariable String id, CurrentUser user) {
        return exportApi.file(id, user);
    }

    private String results(String q, PageRequest page, CurrentUser user, Model model) {
        PageResult<PersonRecord> found = search.search(new PersonSearch.Filter(q.length() > 40 ? q.substring(0, 40) : q, null, null, null,
                null), user, page);
        model.addAttribute("q", q);
        model.addAttribute("results", found.map(PersonApiController.PersonJson::of));
        model.addAttribute("villageNames", villageNames(found.items().stream().map(PersonRecord::villageCode).distinct().toList()));
        model.addAttribute("mayImport", user.may(Action.IMPORT_RUN));
        model.addAttribute("mayRegister", user.may(Action.PERSON_EDIT));
        model.addAttribute("mayTransfer", user.may(Action.PERSON_EDIT) || user.may(Action.CASE_MANAGE));
        model.addAttribute("mayReveal", !user.scope(Action.PERSON_READ).isEmpty());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/persons";
    }

    @GetMapping("/persons/{id}")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    String person(@PathVariable long id, CurrentUser user, Model model) {
        PersonRecord person = persons.read(id, user).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("person", PersonApiController.PersonJson.of(person));
        model.addAttribute("village", regions.find(RegionCode.of(person.villageCode())).orElseThrow());
        model.addAttribute("household", households.ofPerson(id).orElse(null));
        model.addAttribute("mayEdit", user.scope(Action.PERSON_EDIT).contains(person.villageCode()));
        model.addAttribute("mayRead", user.scope(Action.PERSON_READ).contains(person.villageCode()));
        model.addAttribute("tags", List.of(org.lastmile.registry.HouseholdTag.values()));
        model.addAttribute("today", java.time.LocalDate.now().toString());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
        }
        model.addAttribute("history", user.scope(Action.PERSON_READ).contains(person.villageCode())
                ? persons.history(id).stream().map(h -> messages.getMessage("registry.change." + h.get("change"), null,
                        org.springframework.context.i18n.LocaleContextHolder.getLocale()) + " · " + h.get("at") + " · " + h.get("account")).toList()
                : List.of());
        return "registry/person";
    }

    /** Sets a situation tag on the person's household (made, with the person at its head, if none is recorded). */
    @PostMapping("/persons/{id}/tags")
    @Allow(Action.PERSON_EDIT)
    String setTag(@PathVariable long id, @RequestParam(required = false) String tag, @RequestParam(required = false) java.time.LocalDate since,
                  @RequestParam(required = false) String source, CurrentUser user, jakarta.servlet.http.HttpServletRequest request,
                  org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        return editing(id, user, request, redirect, () -> {
            long household = households.ofPersonOrNew(persons.load(id).orElseThrow(), user).id();
            households.setTag(household, tag, since, source, user);
        });
    }

    @PostMapping("/persons/{id}/tags/{tag}/clear")
    @Allow(Action.PERSON_EDIT)
    String clearTag(@PathVariable long id, @PathVariable String tag, CurrentUser user, jakarta.servlet.http.HttpServletRequest request,
                    org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        return editing(id, user, request, redirect, () -> households.ofPerson(id)
                .ifPresent(h -> households.clearTag(h.id(), tag, user)));
    }

    @PostMapping("/persons/{id}/life-status")
    @Allow(Action.PERSON_EDIT)
    String lifeStatus(@PathVariable long id, @RequestParam(required = false) String status,
                      @RequestParam(required = false) java.time.LocalDate date, @RequestParam(required = false) String reason,
                      CurrentUser user, jakarta.servlet.http.HttpServletRequest request,
                      org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        return editing(id, user, request, redirect, () -> persons.changeLifeStatus(id, status, date, reason, user, "PAGE"));
    }

    /** Runs a change of the person's page; its refusals come back to the page, each at its field. */
    private String editing(long id, CurrentUser user, jakarta.servlet.http.HttpServletRequest request,
                           org.springframework.web.servlet.mvc.support.RedirectAttributes redirect, Runnable change) {
        persons.load(id).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        try {
            change.run();
        } catch (PersonProblem e) {
            redirect.addFlashAttribute("errors", forms.fieldErrors(e.problems(), request));
        }
        return "redirect:/persons/" + id;
    }

    /** The registration form; the villages the user may register in are offered, not typed. */
    @GetMapping("/persons/new")
    @Allow(Action.PERSON_EDIT)
    String newPerson(CurrentUser user, Model model) {
        return form(user, model, java.util.Map.of(), java.util.Map.of());
    }

    @PostMapping("/persons/new")
    @Allow(Action.PERSON_EDIT)
    String register(@RequestParam java.util.Map<String, String> fields, CurrentUser user, Model model,
                    jakarta.servlet.http.HttpServletRequest request) {
        Integer category = PageForms.integer(fields.get("disabilityCategory"));
        Integer grade = PageForms.integer(fields.get("disabilityGrade"));
        PersonForm form = new PersonForm(fields.get("name"), fields.get("idNumber"),
                PageForms.certificateOrDerived(fields.get("certificateNumber"), fields.get("idNumber"), category, grade),
                category, grade, fields.get("villageCode"), fields.get("phone"), fields.get("address"), null, null, null,
                Integer.valueOf(7).equals(category) ? PageForms.components(fields) : null);
        try {
            PersonRecord person = persons.register(form, user, "PAGE");
            return "redirect:/persons/" + person.id();
        } catch (PersonProblem e) {
            List<PersonProblem.FieldProblem> problems = e.problems().isEmpty()
                    ? List.of(new PersonProblem.FieldProblem("idNumber", e.kind().name())) : e.problems();
            model.addAttribute("registeredElsewhere", e.kind() == PersonProblem.Kind.CONFLICT_ELSEWHERE);
            return form(user, model, fields, forms.fieldErrors(problems, request));
        }
    }

    private String form(CurrentUser user, Model model, java.util.Map<String, String> values, java.util.Map<String, String> errors) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("villages", forms.villagesOf(user));
        if (!model.containsAttribute("registeredElsewhere")) {
            model.addAttribute("registeredElsewhere", false);
        }
        return "registry/new";
    }

    @PostMapping("/persons/import")
    @Allow(Action.IMPORT_RUN)
    String importFile(@RequestParam(value = "file", required = false) org.springframework.web.multipart.MultipartFile file,
                      @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user) {
        org.lastmile.access.Uploads.Upload upload = uploads.storeSpreadsheet(file, user.username());
        return "redirect:/persons/imports/" + imports.start(upload, user, dryRun,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** An import's progress (refreshed while it runs) and its row errors; only its owner sees it. */
    @GetMapping("/persons/imports/{id}")
    @Allow(Action.IMPORT_RUN)
    String importStatus(@PathVariable String id, CurrentUser user, Model model) {
        org.lastmile.platform.Jobs.JobStatus status = jobs.status(id)
                .filter(s -> s.owner().equals(user.username())
                        && (s.kind().equals(PersonImport.KIND) || s.kind().equals(DepartmentListImport.KIND)))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        java.util.Map<String, Long> c = status.counts();
        model.addAttribute("job", status);
        if (status.kind().equals(DepartmentListImport.KIND)) {
            model.addAttribute("countsKey", "registry.import.listCounts");
            model.addAttribute("titleKey", "registry.listImport.title");
            model.addAttribute("counts", List.of(c.getOrDefault("applied", 0L), c.getOrDefault("unchanged", 0L),
                    c.getOrDefault("rejected", 0L), c.getOrDefault("warnings", 0L)));
        } else {
            model.addAttribute("countsKey", "registry.import.counts");
            model.addAttribute("titleKey", "registry.import.title");
            model.addAttribute("counts", List.of(c.getOrDefault("imported", 0L), c.getOrDefault("updated", 0L),
                    c.getOrDefault("unchanged", 0L), c.getOrDefault("rejected", 0L), c.getOrDefault("warnings", 0L)));
        }
        model.addAttribute("errors", jobs.errors(id, 1000));
        return "registry/import";
    }

    /** A department's list (低保 and 特困 rolls, monitored households, deaths) sets or ends statuses in bulk, as a job. */
    @PostMapping("/persons/import-list")
    @Allow(Action.IMPORT_RUN)
    String importList(@RequestParam(value = "file", required = false) org.springframework.web.multipart.MultipartFile file,
                      @RequestParam(required = false) String source, @RequestParam(defaultValue = "false") boolean dryRun, CurrentUser user,
                      jakarta.servlet.http.HttpServletRequest request, org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        try {
            DepartmentListImport.checkSource(source);
        } catch (PersonProblem e) {
            redirect.addFlashAttribute("errors", forms.fieldErrors(e.problems(), request));
            return "redirect:/persons";
        }
        org.lastmile.access.Uploads.Upload upload = uploads.storeSpreadsheet(file, user.username());
        return "redirect:/persons/imports/" + lists.start(upload, source, user, dryRun,
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    @GetMapping("/persons/import/template")
    @Allow(Action.IMPORT_RUN)
    org.springframework.http.ResponseEntity<byte[]> template() {
        return importApi.template();
    }

    @GetMapping("/persons/imports/{id}/errors.xlsx")
    @Allow(Action.IMPORT_RUN)
    org.springframework.http.ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> rejectedRows(
            @PathVariable String id, CurrentUser user) {
        return importApi.rejectedRows(id, user);
    }

    private Map<Long, String> villageNames(List<Long> codes) {
        Map<Long, String> names = new java.util.HashMap<>();
        for (long code : codes) {
            regions.find(RegionCode.of(code)).ifPresent(r -> names.put(code,
                    String.join(" / ", r.path().stream().skip(Math.max(0, r.path().size() - 2)).map(s -> s.name()).toList())));
        }
        return names;
    }
}
