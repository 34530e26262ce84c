package org.lastmile.campaign.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Coverage pages: figures for everyone in the place, names only for those who may read them, and the table as Excel. */
@LastmileIntegrationTest
class CampaignPagesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void leadersSeeFiguresWithoutNamesAndTheTableDownloads() {
        long campaign = jdbc.sql("select id from campaign where created_by = 'demo-case' order by id limit 1").query(Long.class).single();
        long village = jdbc.sql("select village_code from campaign_target where campaign_id = ? and status = 'OPEN' order by village_code limit 1")
                .param(campaign).query(Long.class).single();
        String openName = jdbc.sql("select p.name from campaign_target t join registry_person p on p.id = t.person_id"
                + " where t.campaign_id = ? and t.village_code = ? and t.status = 'OPEN' limit 1").params(campaign, village).query(String.class).single();

        Http leader = new Http(port);
        leader.loginPage(TestAccounts.create(accounts, Role.LEADER, 330122000000L), TestAccounts.PASSWORD);
        String villagePage = leader.get("/campaigns/" + campaign + "?region=" + village).body();
        assertThat(villagePage).contains("名单户数").doesNotContain("还没有走访完的家庭");
        assertThat(leader.get("/campaigns/" + campaign + "/coverage.xlsx").status()).isEqualTo(200);
        assertThat(leader.getBytes("/campaigns/" + campaign + "/coverage.xlsx").length).isGreaterThan(1000);

        Http worker = new Http(port);
        worker.loginPage(TestAccounts.create(accounts, Role.FIELD_WORKER, village), TestAccounts.PASSWORD);
        assertThat(worker.get("/campaigns/" + campaign + "?region=" + village).body()).contains("还没有走访完的家庭").contains(openName);
    }
}
