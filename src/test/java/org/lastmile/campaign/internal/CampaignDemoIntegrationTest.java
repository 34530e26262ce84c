package org.lastmile.campaign.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.region.RegionCode;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo county has the 2020 campaign half done, with work waiting for demo-field. */
@LastmileIntegrationTest
class CampaignDemoIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Worklists worklists;
    @Autowired
    Accounts accounts;

    @Test
    void theTwentyTwentyCampaignIsHalfDone() {
        long campaign = jdbc.sql("select id from campaign where template = 'covid-2020' and created_by = 'demo-case' order by id limit 1")
                .query(Long.class).single();
        CurrentUser county = new CurrentUser(0, "demo-case", "演示", List.of(new Grant(Role.CASE_WORKER, 330122000000L, null)));
        Worklists.Coverage total = worklists.coverage(campaign, RegionCode.of(330122000000L), county).total();
        assertThat(total.targets()).as("screened from the household situations").isBetween(2_000L, 12_000L);
        assertThat(total.confirmed()).isBetween(total.targets() / 2, total.targets());
        assertThat(total.visited()).isBetween(total.confirmed() / 3, total.confirmed() * 2 / 3);
        assertThat(total.open()).isPositive();
        assertThat(total.refused()).isPositive();
        assertThat(jdbc.sql("select count(*) from campaign_difficulty d join campaign_visit v on v.id = d.visit_id where v.campaign_id = ?"
                + " and not d.solved_on_spot").param(campaign).query(Long.class).single()).isPositive();

        Grant field = accounts.find("demo-field").orElseThrow().grants().get(0);
        CurrentUser demoField = new CurrentUser(0, "demo-field", "演示", List.of(field));
        assertThat(worklists.worklist(demoField)).as("demo-field has families to visit").isNotEmpty()
                .allSatisfy(item -> assertThat(item.villageCode()).isEqualTo(field.regionCode()));
    }
}
