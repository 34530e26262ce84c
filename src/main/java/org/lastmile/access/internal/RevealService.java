package org.lastmile.access.internal;

import org.lastmile.access.AccessException;
import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Reveals;
import org.springframework.stereotype.Service;

import java.util.function.Supplier;

@Service
class RevealService implements Reveals {

    private final AuditLog audit;

    RevealService(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public String reveal(CurrentUser user, Action action, long divisionCode, String subjectType, String subjectId, String field,
                         String purpose, Supplier<String> value) {
        if (!user.scope(action).contains(divisionCode)) {
            audit.recordRefusal("REVEAL", subjectType, subjectId, purpose, field);
            throw new AccessException(AccessException.Kind.NOT_FOUND, subjectType, "NOT_FOUND");
        }
        if (purpose == null || purpose.isBlank() || purpose.length() > 200) {
            throw new AccessException(AccessException.Kind.INVALID, "purpose", "PURPOSE_REQUIRED");
        }
        audit.record("REVEAL", subjectType, subjectId, purpose.strip(), AuditLog.Outcome.SUCCESS, field);
        return value.get();
    }
}
