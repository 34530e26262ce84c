package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;

/** {@code /api/v1/households}: create, read with members and tags, add and remove members, set and clear tags. */
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
        return ResponseEntity.created(URI.create("/api/v1/households/" + household.id())).body(household);
    }

    @GetMapping("/{id}")
    @Allow({Action.PERSON_READ, Action.PERSON_LOOKUP})
    HouseholdService.Household read(@PathVariable long id, CurrentUser user) {
        return households.read(id, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
    }

    @PostMapping("/{id}/members")
    @Allow(Action.PERSON_EDIT)
    HouseholdService.Household addMember(@PathVariable long id, @RequestBody HouseholdService.MemberForm form, CurrentUser user) {
        return households.addMember(id, form, user);
    }

    @DeleteMapping("/{id}/members/{memberId}")
    @Allow(Action.PERSON_EDIT)
    HouseholdService.Household removeMember(@PathVariable long id, @PathVariable long memberId, CurrentUser user) {
        return households.removeMember(id, memberId, user);
    }

    @PutMapping("/{id}/tags/{tag}")
    @Allow(Action.PERSON_EDIT)
    HouseholdService.Household setTag(@PathVariable long id, @PathVariable String tag, @RequestBody TagForm form, CurrentUser user) {
        return households.setTag(id, tag, form.since(), form.source(), user);
    }

    @DeleteMapping("/{id}/tags/{tag}")
    @Allow(Action.PERSON_EDIT)
    HouseholdService.Household clearTag(@PathVariable long id, @PathVariable String tag, CurrentUser user) {
        return households.clearTag(id, tag, user);
    }
}
