package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Masking;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code /api/v1/persons}: register (201), read masked (404 outside the scope), change with
 * {@code If-Match} (412 when stale, with the current record).
 */
@RestController
@RequestMapping("/api/v1/persons")
public class PersonApiController {

    /** A person as the API shows it: personal numbers masked. */
    public record PersonJson(long id, String name, String idNumber, String certificateNumber, String sex, LocalDate birthDate,
                      int disabilityCategory, int disabilityGrade, String villageCode, String phone, String address,
                      LocalDate certificateIssuedOn, LocalDate certificateExpiresOn, String registrationType, String maritalStatus,
                      String lifeStatus, LocalDate lifeStatusOn, String lifeStatusReason, int version,
                      List<PersonForm.Component> disabilityComponents) {
        static PersonJson of(PersonRecord p) {
            return new PersonJson(p.id(), p.name(), Masking.idNumber(p.idNumber()), Masking.certificateNumber(p.certificateNumber()),
                    p.sex(), p.birthDate(), p.category(), p.grade(), Long.toString(p.villageCode()), Masking.phone(p.phone()),
                    p.address(), p.certificateIssuedOn(), p.certificateExpiresOn(), p.registrationType(), p.maritalStatus(),
                    p.lifeStatus(), p.lifeStatusOn(), p.lifeStatusReason(), p.version(), p.components());
        }
    }

    private final PersonService persons;
    private final PersonSearch search;
    private final PersonExport exporter;

    PersonApiController(PersonService persons, PersonSearch search, PersonExport exporter) {
        this.persons = persons;
        this.search = search;
        this.exporter = exporter;
    }

    @PostMapping
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<PersonJson> register(@RequestBody PersonForm form, CurrentUser user) {
        PersonRecord person = persons.register(form, user, "API");
        return ResponseEntity.created(URI.create("/api/v1/persons/" + person.id())).eTag(etag(person)).body(PersonJson.of(person));
    }

    record SearchRequest(String q, String regionCode, Integer category, Integer grade, String tag, String lifeStatus, Integer page,
                         Integer size) {
    }

    /** Search by POST, so that personal numbers never appear in a URL or an access log. */
    @PostMapping("/search")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    PageResult<PersonJson> search(@RequestBody SearchRequest request, CurrentUser user) {
        return search.search(new PersonSearch.Filter(request.q(), request.regionCode(), request.category(), request.grade(),
                request.lifeStatus(), request.tag()), user, PageRequest.of(request.page(), request.size())).map(PersonJson::of);
    }

    /** The same filters without {@code q}. */
    @GetMapping
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    PageResult<PersonJson> list(@RequestParam(required = false) String regionCode, @RequestParam(required = false) Integer category,
                                @RequestParam(required = false) Integer grade, @RequestParam(required = false) String tag,
                                @RequestParam(required = false) String lifeStatus,
                                @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                CurrentUser user) {
        return search.search(new PersonSearch.Filter(null, regionCode, category, grade, lifeStatus, tag), user, PageRequest.of(page, size))
                .map(PersonJson::of);
    }

    record ExportRequest(String q, String regionCode, Integer category, Integer grade, String tag, String lifeStatus,
                         java.util.List<String> reveal, String purpose, String format) {

        java.util.Set<String> revealed() {
            return reveal == null ? java.util.Set.of() : java.util.Set.copyOf(reveal);
        }

        PersonSearch.Filter filter() {
            return new PersonSearch.Filter(q, regionCode, category, grade, lifeStatus, tag);
        }
    }

    /**
     * The current search as .xlsx (or CSV with {@code format: "csv"}), streamed; masked unless {@code reveal}
     * with a {@code purpose}. A large one is better run as a job: {@code POST /api/v1/exports/persons}.
     */
    @PostMapping("/export")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    ResponseEntity<org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody> export(@RequestBody ExportRequest request,
                                                                                                      CurrentUser user) {
        java.util.Set<String> reveal = request.revealed();
        PersonExport.Format format = PersonExport.Format.of(request.format());
        exporter.checkReveal(reveal, request.purpose(), user);
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(format.mediaType))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"persons." + format.extension + "\"")
                .header(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out -> exporter.write(request.filter(), user, reveal, request.purpose(), format, out, locale, written -> { }));
    }

    @GetMapping("/{id}")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    ResponseEntity<PersonJson> read(@PathVariable long id, CurrentUser user) {
        PersonRecord person = persons.read(id, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
        return ResponseEntity.ok().eTag(etag(person)).body(PersonJson.of(person));
    }

    @PatchMapping("/{id}")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<PersonJson> update(@PathVariable long id, @RequestBody PersonForm form,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch, CurrentUser user) {
        PersonRecord person = persons.update(id, form, version(ifMatch), user, "API");
        return ResponseEntity.ok().eTag(etag(person)).body(PersonJson.of(person));
    }

    record LifeStatusChange(String status, LocalDate date, String reason) {
    }

    record Transfer(String villageCode) {
    }

    @PostMapping("/{id}/life-status")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<PersonJson> lifeStatus(@PathVariable long id, @RequestBody LifeStatusChange change, CurrentUser user) {
        PersonRecord person = persons.changeLifeStatus(id, change.status(), change.date(), change.reason(), user, "API");
        return ResponseEntity.ok().eTag(etag(person)).body(PersonJson.of(person));
    }

    /** Within the places the user may edit; a move from elsewhere is a transfer request (to come). */
    @PostMapping("/{id}/transfer")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<PersonJson> transfer(@PathVariable long id, @RequestBody Transfer transfer, CurrentUser user) {
        PersonRecord person = persons.transfer(id, transfer.villageCode(), user, "API");
        return ResponseEntity.ok().eTag(etag(person)).body(PersonJson.of(person));
    }

    record HistoryJson(String at, String account, String source, String change, String changes) {
    }

    @GetMapping("/{id}/history")
    @Allow(Action.PERSON_READ)
    List<HistoryJson> history(@PathVariable long id, CurrentUser user) {
        persons.load(id).filter(p -> user.scope(Action.PERSON_READ).contains(p.villageCode()))
                .orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
        return persons.history(id).stream().map(h -> new HistoryJson(String.valueOf(h.get("at")), (String) h.get("account"),
                (String) h.get("source"), (String) h.get("change"), maskEncrypted(String.valueOf(h.get("changes"))))).toList();
    }

    /** Encrypted values in the history (old certificate numbers, phones) are shown as what they are: withheld. */
    static String maskEncrypted(String changes) {
        return changes.replaceAll("\"[A-Za-z0-9]{1,16}[$][A-Za-z0-9+/]{16,}\"", "\"***\"");
    }

    static String etag(PersonRecord person) {
        return "\"" + person.version() + "\"";
    }

    /** {@code If-Match: "3"} (or W/"3") to 3; anything unreadable counts as stale rather than as absent. */
    static Integer version(String ifMatch) {
        Long version = longVersion(ifMatch);
        return version == null ? null : version > Integer.MAX_VALUE ? -1 : version.intValue();
    }

    /** The same for versions that are answer ids (long). */
    static Long longVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

}
