package org.lastmile.platform.internal;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.platform.internal.EmbeddedPostgresServerIntegrationTest.execute;
import static org.lastmile.platform.internal.EmbeddedPostgresServerIntegrationTest.query;

/** {@code backup FILE} then {@code restore FILE} gives back exactly what was backed up. */
class EmbeddedBackupIntegrationTest {

    @TempDir
    Path dataDir;
    @TempDir
    Path backups;

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream());

    @Test
    void aRestoreGivesBackWhatTheBackupHeld() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            Flyway.configure().dataSource(server.jdbcUrl(), null, null).locations("classpath:db/migration").load().migrate();
            execute(server,
                    "insert into region_edition (id, source, duration_ms, added, renamed, abolished, reinstated, unchanged) "
                            + "values ('2023', 'test', 1, 2, 0, 0, 0, 0)",
                    "insert into region_division (code, name, level, since_edition) values (330000000000, '浙江省', 1, '2023')",
                    "insert into region_division (code, name, level, parent_code, since_edition) "
                            + "values (330122001001, E'南门\\t社区', 5, 330000000000, '2023')",
                    "insert into region_village_association (division_code, established_on) values (330122001001, date '2020-05-19')",
                    "insert into region_committee_member (association_code, name, position, member_kind, since) "
                            + "values (330122001001, '欧阳·娜', 'CHAIR', 'DISABLED_PERSON', date '2020-05-19')");
        }
        Path file = backups.resolve("lastmile.backup");
        EmbeddedBackup backup = EmbeddedBackup.forDataDirectory(dataDir);
        assertThat(backup.backup(file, out)).isZero();
        assertThat(file).exists();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "delete from region_committee_member", "update region_division set name = '改了' where level = 1",
                    "insert into platform_demo_step (id, county_code, seed) values ('after-backup', 1, 1)");
        }
        assertThat(backup.restore(file, out)).isZero();

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(query(server, "select name from region_division where level = 1")).isEqualTo("浙江省");
            assertThat(query(server, "select name from region_division where level = 5")).isEqualTo("南门\t社区");
            assertThat(query(server, "select name || ' ' || position from region_committee_member")).isEqualTo("欧阳·娜 CHAIR");
            assertThat(query(server, "select count(*) from platform_demo_step")).isEqualTo("0");
            // Sequences continue after the restored rows.
            execute(server, "insert into region_committee_member (association_code, name, position, member_kind, since) "
                    + "values (330122001001, '李四', 'MEMBER', 'VOLUNTEER', date '2021-01-01')");
            assertThat(query(server, "select count(distinct id) from region_committee_member")).isEqualTo("2");
        }
    }

    @Test
    void backsUpWhileTheServerRuns() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            Flyway.configure().dataSource(server.jdbcUrl(), null, null).locations("classpath:db/migration").load().migrate();
            Path file = backups.resolve("online.backup");
            assertThat(EmbeddedBackup.forDataDirectory(dataDir).backup(file, out)).isZero();
            assertThat(Files.size(file)).isPositive();
            assertThatThrownBy(() -> EmbeddedBackup.forDataDirectory(dataDir).restore(file, out))
                    .hasMessageContaining("stop it before restoring");
        }
    }

    @Test
    void refusesAFileThatIsNoBackup() throws Exception {
        Path notABackup = backups.resolve("notes.txt");
        Files.writeString(notABackup, "hello");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            // a database exists
        }
        assertThatThrownBy(() -> EmbeddedBackup.forDataDirectory(dataDir).restore(notABackup, out))
                .hasMessageContaining("not a Lastmile backup");
    }
}
