package org.lastmile.platform;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LastmileIntegrationTest
class TableStatisticsIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void analyzesASmallTableAfterABulkInsert() {
        jdbc.sql("drop table if exists platform_test_statistics").update();
        // Without autovacuum, so that only the call under test can analyze it.
        jdbc.sql("create table platform_test_statistics (id integer) with (autovacuum_enabled = false)").update();
        try {
            jdbc.sql("insert into platform_test_statistics select generate_series(1, 5000)").update();
            assertThat(reltuples()).isLessThan(0);   // never analyzed
            TableStatistics.refreshIfSmall(jdbc, "platform_test_statistics");
            assertThat(reltuples()).isEqualTo(5000);
        } finally {
            jdbc.sql("drop table platform_test_statistics").update();
        }
    }

    @Test
    void refusesAnythingButATableName() {
        assertThatThrownBy(() -> TableStatistics.refreshIfSmall(jdbc, "registry_person; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private double reltuples() {
        return jdbc.sql("select reltuples from pg_class where relname = 'platform_test_statistics'").query(Double.class).single();
    }
}
