package org.lastmile.reporting.internal;

import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The roll-ups of the county's campaigns and cases, counted once the demo data of the earlier steps is in
 * (those steps load in bulk, without the events that mark places as changed).
 */
@Component
class ReportingDemoStep implements DemoStep {

    private final JdbcClient jdbc;
    private final RollupRefresher refresher;

    ReportingDemoStep(JdbcClient jdbc, RollupRefresher refresher) {
        this.jdbc = jdbc;
        this.refresher = refresher;
    }

    @Override
    public String id() {
        return "0600-reporting";
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        jdbc.sql("""
                        insert into reporting_pending (kind, campaign_id, first, last)
                        select distinct 'COVERAGE', campaign_id, :first, :last from campaign_v_target where village_code between :first and :last
                        union all select 'CASES', 0, :first, :last""")
                .param("first", county.subtreeFirst()).param("last", county.subtreeLast()).update();
        refresher.refreshNow();
    }
}
