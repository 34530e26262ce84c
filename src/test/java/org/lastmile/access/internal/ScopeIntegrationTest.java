package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Action;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.access.Scope;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scope predicate on real rows: a user never reads a neighbour's, and scans stay index range scans. */
@LastmileIntegrationTest
class ScopeIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private List<Long> villagesIn(Scope scope) {
        Scope.Condition where = scope.where("division_code");
        return jdbc.sql("select division_code from region_village_association where " + where.sql() + " order by division_code")
                .params(where.params()).query(Long.class).list();
    }

    @Test
    void aFieldWorkerReadsItsOwnVillageAndNotItsNeighbour() {
        CurrentUser worker = new CurrentUser(1, "w", "王", List.of(new Grant(Role.FIELD_WORKER, 330122002200L, null)));
        assertThat(villagesIn(worker.scope(Action.PERSON_READ))).containsExactly(330122002200L);
    }

    @Test
    void aCountyCaseWorkerReadsTheWholeCountyAndNothingBeyond() {
        CurrentUser staff = new CurrentUser(1, "c", "陈", List.of(new Grant(Role.CASE_WORKER, 330122000000L, null)));
        List<Long> villages = villagesIn(staff.scope(Action.PERSON_READ));
        long expected = jdbc.sql("select count(*) from region_division where level = 5 and code between 330122000000 and 330122999999")
                .query(Long.class).single();
        assertThat(villages).hasSize((int) expected).allSatisfy(code -> assertThat(code).isBetween(330122000000L, 330122999999L));
    }

    @Test
    void aLeaderReadsNoPersonLevelRows() {
        CurrentUser leader = new CurrentUser(1, "l", "李", List.of(new Grant(Role.LEADER, 330000000000L, null)));
        assertThat(villagesIn(leader.scope(Action.PERSON_READ))).isEmpty();
    }

    @Test
    void theScopeIsAnIndexRangeScan() {
        CurrentUser staff = new CurrentUser(1, "c", "陈", List.of(new Grant(Role.CASE_WORKER, 330122000000L, null),
                new Grant(Role.HOTLINE_OPERATOR, 330106000000L, null)));
        Scope.Condition where = staff.scope(Action.PERSON_LOOKUP).where("division_code");
        String plan = String.join("\n", jdbc.sql("explain select * from region_village_association where " + where.sql())
                .params(where.params()).query(String.class).list());
        assertThat(plan).containsIgnoringCase("index").doesNotContain("Seq Scan");
    }
}
