package org.lastmile.platform.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo steps are versioned: a database that has a step never gets it twice. */
@LastmileIntegrationTest
class DemoRunnerIntegrationTest {

    @Autowired
    DemoRunner runner;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSecondRunAppliesNothingAlreadyApplied() {
        long steps = count("select count(*) from platform_demo_step");
        long members = count("select count(*) from region_committee_member");
        assertThat(steps).isPositive();
        runner.run();
        assertThat(count("select count(*) from platform_demo_step")).isEqualTo(steps);
        assertThat(count("select count(*) from region_committee_member")).isEqualTo(members);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
