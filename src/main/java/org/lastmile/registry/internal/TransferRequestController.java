package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** {@code /api/v1/transfer-requests}: ask for a person registered elsewhere; the owning place decides. */
@RestController
@RequestMapping("/api/v1/transfer-requests")
class TransferRequestController {

    record NewRequest(String idNumber, String villageCode, String reason) {
    }

    record Decision(String reason) {
    }

    private final TransferRequests requests;

    TransferRequestController(TransferRequests requests) {
        this.requests = requests;
    }

    @PostMapping
    @Allow(Action.PERSON_EDIT)
    ResponseEntity<TransferRequests.Request> request(@RequestBody NewRequest body, CurrentUser user) {
        TransferRequests.Request created = requests.request(body.idNumber(), body.villageCode(), body.reason(), user);
        return ResponseEntity.created(URI.create("/api/v1/transfer-requests/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    @Allow(Action.PERSON_EDIT)
    TransferRequests.Request mine(@PathVariable long id, CurrentUser user) {
        return requests.mine(id, user).orElseThrow(() -> PersonProblem.of(PersonProblem.Kind.NOT_FOUND));
    }

    @GetMapping("/incoming")
    @Allow(Action.CASE_MANAGE)
    List<TransferRequests.Incoming> incoming(CurrentUser user) {
        return requests.incoming(user);
    }

    @PostMapping("/{id}/accept")
    @Allow(Action.CASE_MANAGE)
    TransferRequests.Incoming accept(@PathVariable long id, @RequestBody(required = false) Decision decision, CurrentUser user) {
        return requests.decide(id, true, decision == null ? null : decision.reason(), user);
    }

    @PostMapping("/{id}/decline")
    @Allow(Action.CASE_MANAGE)
    TransferRequests.Incoming decline(@PathVariable long id, @RequestBody(required = false) Decision decision, CurrentUser user) {
        return requests.decide(id, false, decision == null ? null : decision.reason(), user);
    }
}
