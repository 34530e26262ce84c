package org.lastmile.reporting.internal;

import org.lastmile.campaign.TargetsChanged;
import org.lastmile.casework.CaseChanged;
import org.lastmile.region.RegionCode;
import org.lastmile.registry.PersonMoved;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Marks the places whose figures a change made stale, in the transaction of the change (a plain listener,
 * called as the event is published): the mark commits or rolls back with the change itself, so nothing is
 * lost between them and no publication log is needed. Only appends, so a writer never waits on the refresher.
 */
@Component
class RollupMarks {

    private final JdbcClient jdbc;

    RollupMarks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(TargetsChanged event) {
        RegionCode place = RegionCode.of(event.placeCode());
        jdbc.sql("insert into reporting_pending (kind, campaign_id, first, last) values ('COVERAGE', ?, ?, ?)")
                .params(event.campaignId(), place.subtreeFirst(), place.subtreeLast()).update();
    }

    @EventListener
    void on(CaseChanged event) {
        jdbc.sql("insert into reporting_pending (kind, first, last) select 'CASES', village_code, village_code from casework_v_case where case_id = ?")
                .param(event.caseId()).update();
    }

    @EventListener
    void on(PersonMoved event) {
        jdbc.sql("insert into reporting_pending (kind, first, last) values ('CASES', ?, ?), ('CASES', ?, ?)")
                .params(event.fromVillage(), event.fromVillage(), event.toVillage(), event.toVillage()).update();
    }
}
