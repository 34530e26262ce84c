package org.lastmile.casework.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo county has cases in every state, referrals with every answer, policy issues and follow-ups due. */
@LastmileIntegrationTest
class CaseworkDemoIntegrationTest {

    static final long FIRST = 330122000000L;
    static final long LAST = 330122999999L;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyOpenDifficultyOfTheCampaignIsACaseAndEveryStateIsShown() {
        long difficulties = jdbc.sql("select count(*) from campaign_v_difficulty where not solved_on_spot and village_code between ? and ?")
                .params(FIRST, LAST).query(Long.class).single();
        long fromVisits = jdbc.sql("select count(*) from casework_case where source = 'VISIT' and village_code between ? and ?")
                .params(FIRST, LAST).query(Long.class).single();
        assertThat(difficulties).isPositive();
        assertThat(fromVisits).isGreaterThanOrEqualTo(difficulties);
        List<String> statuses = jdbc.sql("select distinct status from casework_case where village_code between ? and ?").params(FIRST, LAST)
                .query(String.class).list();
        assertThat(statuses).containsExactlyInAnyOrder("OPEN", "IN_PROGRESS", "REFERRED", "ESCALATED", "RESOLVED", "CLOSED");
        assertThat(jdbc.sql("select distinct status from casework_referral").query(String.class).list())
                .contains("ASKED", "ACCEPTED", "DONE", "DECLINED");
        assertThat(jdbc.sql("select count(*) from casework_case where policy_issue_id is not null and village_code between ? and ?")
                .params(FIRST, LAST).query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from casework_event where action = 'REOPEN'").query(Long.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from casework_follow_up where assigned_to = 'demo-field' and status = 'DUE' and due_on < current_date")
                .query(Long.class).single()).as("overdue follow-ups on the village worker's list").isPositive();
        assertThat(jdbc.sql("select count(*) from casework_case c where status = 'CLOSED' and not exists (select 1 from casework_contact t"
                + " where t.case_id = c.id and t.verification and t.family_confirms)").query(Long.class).single())
                .as("no case closed without a verification").isZero();
    }
}
