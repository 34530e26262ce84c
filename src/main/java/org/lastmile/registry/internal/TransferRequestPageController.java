package org.lastmile.registry.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.region.Region;
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
 * Transfer requests on pages: a worker asks for a person registered elsewhere to move to their
 * village (never learning where the person is); the case workers of the owning place see the
 * requests for their persons and accept (the record moves with its history) or decline with a reason.
 */
@Controller
class TransferRequestPageController {

    private final TransferRequests requests;
    private final Regions regions;
    private final PageForms forms;

    TransferRequestPageController(TransferRequests requests, Regions regions, PageForms forms) {
        this.requests = requests;
        this.regions = regions;
        this.forms = forms;
    }

    @GetMapping("/transfer-requests")
    @Allow({Action.PERSON_EDIT, Action.CASE_MANAGE})
    String list(CurrentUser user, Model model) {
        boolean decides = user.may(Action.CASE_MANAGE);
        List<TransferRequests.Incoming> incoming = decides ? requests.incoming(user) : List.of();
        List<TransferRequests.Request> mine = user.may(Action.PERSON_EDIT) ? requests.mine(user) : List.of();
        Map<String, String> places = new HashMap<>();
        incoming.forEach(r -> {
            places.computeIfAbsent(r.fromVillage(), this::placeName);
            places.computeIfAbsent(r.toVillage(), this::placeName);
        });
        mine.forEach(r -> places.computeIfAbsent(r.toVillage(), this::placeName));
        model.addAttribute("incoming", incoming);
        model.addAttribute("mine", mine);
        model.addAttribute("places", places);
        model.addAttribute("decides", decides);
        model.addAttribute("mayRequest", user.may(Action.PERSON_EDIT));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "registry/transfer-requests";
    }

    @GetMapping("/transfer-requests/new")
    @Allow(Action.PERSON_EDIT)
    String newRequest(CurrentUser user, Model model) {
        return form(user, Map.of(), Map.of(), model);
    }

    /** The form filled in from a refused registration, posted so that the ID number never appears in a URL. */
    @PostMapping("/transfer-requests/new")
    @Allow(Action.PERSON_EDIT)
    String prefilled(@RequestParam Map<String, String> fields, CurrentUser user, Model model) {
        return form(user, fields, Map.of(), model);
    }

    @PostMapping("/transfer-requests")
    @Allow(Action.PERSON_EDIT)
    String send(@RequestParam Map<String, String> fields, CurrentUser user, Model model, HttpServletRequest request,
                RedirectAttributes redirect) {
        try {
            requests.request(fields.get("idNumber"), fields.get("villageCode"), fields.get("reason"), user);
            redirect.addFlashAttribute("sent", true);
            return "redirect:/transfer-requests";
        } catch (PersonProblem e) {
            return form(user, fields, forms.fieldErrors(e.problems(), request), model);
        }
    }

    @PostMapping("/transfer-requests/{id}/accept")
    @Allow(Action.CASE_MANAGE)
    String accept(@PathVariable long id, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        return decide(id, true, null, user, request, redirect);
    }

    @PostMapping("/transfer-requests/{id}/decline")
    @Allow(Action.CASE_MANAGE)
    String decline(@PathVariable long id, @RequestParam(required = false) String reason, CurrentUser user, HttpServletRequest request,
                   RedirectAttributes redirect) {
        return decide(id, false, reason, user, request, redirect);
    }

    private String decide(long id, boolean accept, String reason, CurrentUser user, HttpServletRequest request, RedirectAttributes redirect) {
        try {
            requests.decide(id, accept, reason, user);
        } catch (PersonProblem e) {
            if (e.kind() == PersonProblem.Kind.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            Map<String, String> errors = new HashMap<>();
            forms.fieldErrors(e.problems(), request).forEach((field, message) -> errors.put(field + "-" + id, message));
            redirect.addFlashAttribute("errors", errors);
        }
        return "redirect:/transfer-requests";
    }

    private String form(CurrentUser user, Map<String, String> values, Map<String, String> errors, Model model) {
        model.addAttribute("values", values);
        model.addAttribute("errors", errors);
        model.addAttribute("villages", forms.villagesOf(user));
        return "registry/transfer-request";
    }

    private String placeName(String code) {
        return regions.find(RegionCode.of(Long.parseLong(code))).map(TransferRequestPageController::shortPath).orElse(code);
    }

    private static String shortPath(Region r) {
        return String.join(" / ", r.path().stream().skip(Math.max(0, r.path().size() - 3)).map(s -> s.name()).toList());
    }
}
