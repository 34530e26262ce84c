package org.lastmile.casework.internal;

import org.lastmile.access.AccountDisabled;
import org.lastmile.campaign.DifficultyReported;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * What other modules tell casework, through the durable event log: a visit found a difficulty (one case,
 * however often the event arrives), an account was disabled (its open cases wait to be reassigned).
 */
@Component
class CaseListeners {

    private final CaseService cases;

    CaseListeners(CaseService cases) {
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(DifficultyReported event) {
        cases.openFromDifficulty(event);
    }

    @ApplicationModuleListener
    void on(AccountDisabled event) {
        cases.ownerLeft(event.username());
    }
}
