package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Whom a unit's notice reaches: the holders of a role at the nearest of the places given that has any. */
@LastmileIntegrationTest
class AccountHoldersIntegrationTest {

    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aTownshipWithoutItsOwnWorkersIsReachedThroughTheNearestLevelAboveThatHasSome() {
        // 建德市 and two of its townships where nobody holds a grant yet (an earlier run on the same database may have used others).
        long county = 330182000000L;
        List<Long> townships = jdbc.sql("""
                        select d.code from region_division d where d.parent_code = ?
                           and not exists (select 1 from access_grant g where g.region_code = d.code) order by d.code limit 2""")
                .param(county).query(Long.class).list();
        assertThat(accounts.holders(Role.CASE_WORKER, List.of(townships.get(0), townships.get(1)))).as("nobody in either").isEmpty();

        String countyWorker = TestAccounts.create(accounts, Role.CASE_WORKER, county);
        String townshipWorker = TestAccounts.create(accounts, Role.CASE_WORKER, townships.get(1));
        TestAccounts.create(accounts, Role.LEADER, townships.get(0));

        assertThat(accounts.holders(Role.CASE_WORKER, List.of(townships.get(0), county))).as("the county's, the township having none")
                .contains(countyWorker).doesNotContain(townshipWorker);
        assertThat(accounts.holders(Role.CASE_WORKER, List.of(townships.get(1), county))).as("the township's own, not the county's too")
                .containsExactly(townshipWorker);
    }
}
