package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.registry.FormDefinition;
import org.lastmile.registry.StatusNeeds;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The status-and-needs form and records: {@code GET /api/v1/forms/status-needs?year=} (the definition
 * that applies), {@code GET|PUT /api/v1/persons/{id}/status-needs/{year}} ({@code PUT} with
 * {@code If-Match}; refused with 412 when an item it changes was answered meanwhile).
 */
@RestController
class StatusNeedsApiController {

    record Save(Map<String, Object> answers, String source) {
    }

    private final StatusNeedsService records;
    private final FormDefinitions forms;

    StatusNeedsApiController(StatusNeedsService records, FormDefinitions forms) {
        this.records = records;
        this.forms = forms;
    }

    @GetMapping("/api/v1/forms/status-needs")
    @Allow({Action.PERSON_READ, Action.PERSON_EDIT})
    FormDefinition form(@RequestParam(required = false) Integer year) {
        int asked = year == null ? LocalDate.now().getYear() : year;
        return forms.forYear(FormDefinitions.STATUS_NEEDS, asked).orElseThrow(() -> new PersonProblem(PersonProblem.Kind.NOT_FOUND,
                List.of(new PersonProblem.FieldProblem("year", "NO_FORM_FOR_YEAR")), null));
    }

    @GetMapping("/api/v1/persons/{id}/status-needs/{year}")
    @Allow(Action.PERSON_READ)
    ResponseEntity<StatusNeedsService.Record> read(@PathVariable long id, @PathVariable int year, CurrentUser user) {
        StatusNeedsService.Record record = records.read(id, year, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
        return ResponseEntity.ok().eTag(record.etag()).body(record);
    }

    @PutMapping("/api/v1/persons/{id}/status-needs/{year}")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<StatusNeedsService.Record> save(@PathVariable long id, @PathVariable int year, @RequestBody Save save,
                                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                   CurrentUser user) {
        Long version = PersonApiController.longVersion(ifMatch);
        if (version == null) {
            throw PersonProblem.of(PersonProblem.Kind.PRECONDITION_REQUIRED);
        }
        StatusNeeds.Source source = source(save.source());
        LocalDate today = LocalDate.now();
        LocalDate on = year == today.getYear() ? today : LocalDate.of(year, 12, 31);
        StatusNeedsService.Record record = records.save(id, year, save.answers() == null ? Map.of() : save.answers(), version,
                source, on, user);
        return ResponseEntity.ok().eTag(record.etag()).body(record);
    }

    static StatusNeeds.Source source(String name) {
        if (name == null || name.isBlank()) {
            return StatusNeeds.Source.SURVEY;
        }
        try {
            return StatusNeeds.Source.valueOf(name.strip());
        } catch (IllegalArgumentException e) {
            throw new PersonProblem(PersonProblem.Kind.INVALID, List.of(new PersonProblem.FieldProblem("source", "CHOICE_INVALID")), null);
        }
    }
}
