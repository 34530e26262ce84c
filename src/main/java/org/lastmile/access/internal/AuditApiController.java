package org.lastmile.access.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The audit trail for AUDIT_ADMIN: search it and verify its hash chain. */
@RestController
@RequestMapping("/api/v1/audit")
@Allow(Action.AUDIT_READ)
class AuditApiController {

    private final AuditQueries queries;

    AuditApiController(AuditQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    PageResult<AuditQueries.RecordJson> search(@RequestParam(required = false) String account,
                                               @RequestParam(required = false) String subject,
                                               @RequestParam(required = false) String action,
                                               @RequestParam(required = false) LocalDate from,
                                               @RequestParam(required = false) LocalDate to,
                                               @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size) {
        return queries.search(new AuditQueries.Filter(account, subject, action, from, to), PageRequest.of(page, size));
    }

    @GetMapping("/verify")
    AuditQueries.Verification verify() {
        return queries.verify();
    }
}
