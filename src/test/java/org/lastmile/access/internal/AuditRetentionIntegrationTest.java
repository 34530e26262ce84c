package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.ScratchDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Period;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention removes only the oldest head of the chain, so that what remains still verifies. */
@LastmileIntegrationTest
class AuditRetentionIntegrationTest {

    @Autowired
    DataSource mainDataSource;

    @Test
    void removesRecordsOlderThanTheRetentionAndTheRestStillVerifies() {
        try (ScratchDatabase db = ScratchDatabase.migrated(mainDataSource)) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
            AuditSealer sealer = new AuditSealer(jdbc, tx);
            AuditQueries queries = new AuditQueries(jdbc, new AuditTrail(jdbc, new DataSourceTransactionManager(db.dataSource())), sealer);
            for (int i = 0; i < 5; i++) {
                jdbc.sql("insert into access_audit (at, account, action, outcome) values (now() - interval '4 years' + ? * interval '1 day', 'old', 'LOGIN', 'SUCCESS')")
                        .param(i).update();
            }
            sealer.sealAll();
            for (int i = 0; i < 3; i++) {
                jdbc.sql("insert into access_audit (account, action, outcome) values ('new', 'LOGIN', 'SUCCESS')").update();
            }
            sealer.sealAll();

            AuditRetention retention = new AuditRetention(jdbc, tx, Period.ofYears(3));
            assertThat(retention.purge()).isEqualTo(5);
            assertThat(jdbc.sql("select count(*) from access_audit where account = 'old'").query(Long.class).single()).isZero();
            AuditQueries.Verification result = queries.verify();
            assertThat(result.ok()).isTrue();
            assertThat(result.records()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void neverKeepsLessThanThreeYears() {
        assertThat(new AuditRetention(null, null, Period.ofDays(180)).retention()).isEqualTo(Period.ofYears(3));
        assertThat(new AuditRetention(null, null, Period.ofYears(5)).retention()).isEqualTo(Period.ofYears(5));
    }
}
