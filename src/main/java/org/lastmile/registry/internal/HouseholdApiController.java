package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;

/**
 * {@code /api/v1/households}: create, read with members and tags, change the address and carer
 * ({@code PATCH} with {@code If-Match}), add and remove members, set and clear tags. Every answer
 * carries the household's {@code ETag}; the member and tag changes honour an {@code If-Match} when sent.
 */
@RestController
@RequestMapping("/api/v1/households")
class HouseholdApiController {

    record TagForm(LocalDate since, String source) {
    }

    private final HouseholdService households;

    HouseholdApiController(HouseholdService households) {
        this.households = households;
    }

    @PostMapping
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<HouseholdService.Household> create(@RequestBody HouseholdService.HouseholdForm form, CurrentUser user) {
        HouseholdService.Household household = households.create(form, user);
        return ResponseEntity.created(URI.create("/api/v1/households/" + household.id())).eTag(household.etag()).body(household);
    }

    @GetMapping("/{id}")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    ResponseEntity<HouseholdService.Household> read(@PathVariable long id, CurrentUser user) {
        return ok(households.read(id, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND)));
    }

    @PatchMapping("/{id}")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<HouseholdService.Household> update(@PathVariable long id, @RequestBody HouseholdService.HouseholdForm form,
                                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      CurrentUser user) {
        return ok(households.update(id, form, PersonApiController.version(ifMatch), user));
    }

    @PostMapping("/{id}/members")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<HouseholdService.Household> addMember(@PathVariable long id, @RequestBody HouseholdService.MemberForm form,
                                                         @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         CurrentUser user) {
        return ok(households.addMember(id, form, PersonApiController.version(ifMatch), user));
    }

    @DeleteMapping("/{id}/members/{memberId}")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<HouseholdService.Household> removeMember(@PathVariable long id, @PathVariable long memberId,
                                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                            CurrentUser user) {
        return ok(households.removeMember(id, memberId, PersonApiController.version(ifMatch), user));
    }

    @PutMapping("/{id}/tags/{tag}")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<HouseholdService.Household> setTag(@PathVariable long id, @PathVariable String tag, @RequestBody TagForm form,
                                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      CurrentUser user) {
        return ok(households.setTag(id, tag, form.since(), form.source(), PersonApiController.version(ifMatch), user));
    }

    @DeleteMapping("/{id}/tags/{tag}")
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<HouseholdService.Household> clearTag(@PathVariable long id, @PathVariable String tag,
                                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        CurrentUser user) {
        return ok(households.clearTag(id, tag, PersonApiController.version(ifMatch), user));
    }

    private static ResponseEntity<HouseholdService.Household> ok(HouseholdService.Household household) {
        return ResponseEntity.ok().eTag(household.etag()).body(household);
    }
}
