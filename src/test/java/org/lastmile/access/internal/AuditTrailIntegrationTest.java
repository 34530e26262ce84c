package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.AuditLog;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LastmileIntegrationTest
class AuditTrailIntegrationTest {

    @Autowired
    AuditLog audit;
    @Autowired
    AuditSealer sealer;
    @Autowired
    AuditQueries queries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    @Test
    void writesInTheActionsTransactionSoARolledBackActionLeavesNoRecord() {
        String marker = "rollback-" + System.nanoTime();
        try {
            tx.executeWithoutResult(status -> {
                audit.recordFor("someone", "PERSON_VIEW", "person", marker, AuditLog.Outcome.SUCCESS, null);
                throw new IllegalStateException("the action failed");
            });
        } catch (IllegalStateException expected) {
            // the action and its record go together
        }
        assertThat(jdbc.sql("select count(*) from access_audit where subject_id = ?").param(marker).query(Long.class).single()).isZero();
    }

    @Test
    void concurrentRecordsAreAllSealedIntoOneVerifiableChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            int n = i;
            pool.submit(() -> audit.recordFor("user" + (n % 7), "PERSON_SEARCH", "person", Integer.toString(n), AuditLog.Outcome.SUCCESS, null));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        sealer.sealAll();
        AuditQueries.Verification result = queries.verify();
        assertThat(result.ok()).isTrue();
        assertThat(result.records()).isGreaterThanOrEqualTo(400);
        assertThat(result.firstBrokenAt()).isNull();
    }

    @Test
    void theDatabaseRefusesToChangeOrDeleteARecord() {
        audit.recordFor("someone", "LOGIN", "account", "1", AuditLog.Outcome.SUCCESS, null);
        sealer.sealAll();
        long id = jdbc.sql("select max(id) from access_audit").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("update access_audit set outcome = 'FAILURE' where id = ?").param(id).update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from access_audit where id = ?").param(id).update())
                .hasMessageContaining("append-only");
    }

    @Test
    void verificationNamesARecordEditedBehindTheApplicationsBack() {
        audit.recordFor("someone", "PERSON_EXPORT", "person", "42", AuditLog.Outcome.SUCCESS, "300 rows");
        audit.recordFor("someone", "LOGIN", "account", "43", AuditLog.Outcome.SUCCESS, null);
        sealer.sealAll();
        long edited = jdbc.sql("select id from access_audit where action = 'PERSON_EXPORT' and subject_id = '42' order by id desc limit 1")
                .query(Long.class).single();
        tx.executeWithoutResult(status -> {
            jdbc.sql("alter table access_audit disable trigger access_audit_append_only").update();
            jdbc.sql("update access_audit set details = '3 rows' where id = ?").param(edited).update();
            jdbc.sql("alter table access_audit enable trigger access_audit_append_only").update();
        });
        try {
            AuditQueries.Verification result = queries.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBrokenAt()).isEqualTo(edited);
            assertThat(result.problem()).contains("altered");
        } finally {
            tx.executeWithoutResult(status -> {
                jdbc.sql("alter table access_audit disable trigger access_audit_append_only").update();
                jdbc.sql("update access_audit set details = '300 rows' where id = ?").param(edited).update();
                jdbc.sql("alter table access_audit enable trigger access_audit_append_only").update();
            });
        }
        assertThat(queries.verify().ok()).isTrue();
    }

    @Test
    void verificationNamesTheRecordAfterADeletedOne() {
        audit.recordFor("someone", "LOGIN", "account", "a", AuditLog.Outcome.SUCCESS, null);
        audit.recordFor("someone", "LOGIN", "account", "b", AuditLog.Outcome.SUCCESS, null);
        audit.recordFor("someone", "LOGIN", "account", "c", AuditLog.Outcome.SUCCESS, null);
        sealer.sealAll();
        var ids = jdbc.sql("select id from access_audit where account = 'someone' and subject_id in ('a', 'b', 'c') order by id desc limit 3")
                .query(Long.class).list();
        long middle = ids.get(1);
        var saved = jdbc.sql("select * from access_audit where id = ?").param(middle).query().singleRow();
        tx.executeWithoutResult(status -> {
            jdbc.sql("alter table access_audit disable trigger access_audit_append_only").update();
            jdbc.sql("delete from access_audit where id = ?").param(middle).update();
            jdbc.sql("alter table access_audit enable trigger access_audit_append_only").update();
        });
        try {
            AuditQueries.Verification result = queries.verify();
            assertThat(result.ok()).isFalse();
            assertThat(result.firstBrokenAt()).isEqualTo(ids.get(0));
        } finally {
            tx.executeWithoutResult(status -> {
                jdbc.sql("alter table access_audit disable trigger access_audit_append_only").update();
                jdbc.sql("""
                        insert into access_audit (id, at, account, client_address, action, subject_type, subject_id, purpose, outcome,
                                                  details, seq, prev_hash, hash)
                        values (:id, :at, :account, :client_address, :action, :subject_type, :subject_id, :purpose, :outcome,
                                :details, :seq, :prev_hash, :hash)""").params(saved).update();
                jdbc.sql("alter table access_audit enable trigger access_audit_append_only").update();
            });
        }
        assertThat(queries.verify().ok()).isTrue();
    }
}
