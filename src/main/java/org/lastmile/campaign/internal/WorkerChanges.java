package org.lastmile.campaign.internal;

import org.lastmile.access.AccountDisabled;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A disabled worker's open families go back to their village's pool, where every worker of the village
 * sees them on the worklist (a hand-over to one named worker is the campaign's {@code handover}).
 */
@Component
class WorkerChanges {

    private final JdbcClient jdbc;

    WorkerChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(AccountDisabled event) {
        jdbc.sql("update campaign_target set assigned_to = null where assigned_to = ? and status = 'OPEN'").param(event.username()).update();
    }
}
