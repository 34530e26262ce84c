package org.lastmile.access.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.access.PersonalData;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.ScratchDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A key rotation re-encrypts every registered column and its blind indexes, on a database of its own. */
@LastmileIntegrationTest
class DataKeyRotationIntegrationTest {

    @Autowired
    DataSource mainDataSource;
    @Autowired
    List<PersonalData.EncryptedColumn> columns;
    @TempDir
    Path dir;

    @Test
    void reEncryptsEveryValueUnderTheNewKeyAndKeepsLookupsWorking() {
        String k1 = "k1:" + DataKeys.newKey();
        String k2 = "k2:" + DataKeys.newKey();
        try (ScratchDatabase db = ScratchDatabase.migrated(mainDataSource)) {
            JdbcClient jdbc = JdbcClient.create(db.dataSource());
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
            PersonalDataService before = new PersonalDataService(k1, dir, "");
            for (int i = 0; i < 1200; i++) {
                String phone = "138" + String.format("%08d", i);
                jdbc.sql("insert into access_account (username, display_name, password_hash, phone, phone_index, phone_tail_index, totp_secret) "
                                + "values (?, 'x', 'x', ?, ?, ?, ?)")
                        .params("user" + i, before.encrypt(phone), before.blindIndex(PersonalData.IndexKind.PHONE, phone),
                                before.blindIndex(PersonalData.IndexKind.PHONE_TAIL4, phone.substring(7)), before.encrypt("SECRET" + i))
                        .update();
            }
            PersonalDataService after = new PersonalDataService(k2 + "," + k1, dir, "");
            // During the rotation, lookups try the index of every key in the ring.
            List<byte[]> candidates = after.blindIndexCandidates(PersonalData.IndexKind.PHONE, "13800000042");
            assertThat(jdbc.sql("select username from access_account where phone_index = any(?)")
                    .param(candidates.toArray(byte[][]::new)).query(String.class).list()).containsExactly("user42");

            long rewritten = DataKeyRotation.rotate(jdbc, tx, after, columns);
            assertThat(rewritten).isEqualTo(2400);
            assertThat(jdbc.sql("select count(*) from access_account where phone not like 'k2$%' or totp_secret not like 'k2$%'")
                    .query(Long.class).single()).isZero();
            String stored = jdbc.sql("select phone from access_account where username = 'user42'").query(String.class).single();
            assertThat(new PersonalDataService(k2, dir, "").decrypt(stored)).isEqualTo("13800000042");
            assertThat(jdbc.sql("select username from access_account where phone_index = ?")
                    .param(after.blindIndex(PersonalData.IndexKind.PHONE, "13800000042")).query(String.class).list()).containsExactly("user42");
            assertThat(jdbc.sql("select count(*) from access_account where phone_tail_index = ?")
                    .param(after.blindIndex(PersonalData.IndexKind.PHONE_TAIL4, "0042")).query(Long.class).single()).isEqualTo(1L);
            assertThat(DataKeyRotation.rotate(jdbc, tx, after, columns)).as("a second run has nothing to do").isZero();
        }
    }
}
