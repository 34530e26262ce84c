package org.lastmile.platform.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded server keeps its data, uses UTF-8, and recovers from a JVM killed with -9. */
class EmbeddedPostgresServerIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStartReusesTheDataWithoutInitialisingAgain() throws Exception {
        try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(dataDir)) {
            execute(first, "create table kept (v text)", "insert into kept values ('残联')");
        }
        long initialisedAt = Files.getLastModifiedTime(dataDir.resolve("postgres/PG_VERSION")).toMillis();
        try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(query(second, "select v from kept")).isEqualTo("残联");
        }
        assertThat(Files.getLastModifiedTime(dataDir.resolve("postgres/PG_VERSION")).toMillis()).isEqualTo(initialisedAt);
    }

    @Test
    void initialisesWithUtf8AndAUtf8Ctype() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(query(server, "select current_setting('server_encoding')")).isEqualTo("UTF8");
            assertThat(query(server, "select datctype from pg_database where datname = current_database()")).isEqualTo("C.UTF-8");
            assertThat(query(server, "select current_setting('server_version_num')")).startsWith("15");
        }
    }

    @Test
    void stopsThePostmasterOrphanedByAKilledJvmAndStartsItsOwn() throws Exception {
        Process child = startInChildJvm();
        long orphanPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // startup logging
            }
            assertThat(line).as("the child JVM started its server").isNotNull();
            orphanPid = Long.parseLong(line.substring(6).trim());
            child.destroyForcibly();                       // kill -9: no shutdown hook runs
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("postgres outlived its JVM").contains(true);

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(server.postmasterPid()).isNotEqualTo(orphanPid);
            assertThat(query(server, "select 1")).isEqualTo("1");
        }
    }

    @Test
    void refusesADataDirectoryThatALiveLastmileUsesAndStopsWithItsJvm() throws Exception {
        Process child = startInChildJvm();
        long postmaster;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                // startup logging
            }
            postmaster = Long.parseLong(line.substring(6).trim());
            assertThatThrownBy(() -> EmbeddedPostgresServer.start(dataDir))
                    .hasMessageContaining("Another Lastmile process is using the data directory");
        } finally {
            child.destroy();                               // SIGTERM: its shutdown hook stops postgres
            child.waitFor(60, TimeUnit.SECONDS);
        }
        ProcessHandle.of(postmaster).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false))
                .as("the server stopped with its application").isFalse();
    }

    @Test
    void recoversFromAStaleLockFileWhoseProcessIsGone() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            execute(server, "create table kept (v int)", "insert into kept values (7)");
        }
        Files.write(dataDir.resolve("postgres/postmaster.pid"),
                List.of("999999", dataDir.resolve("postgres").toString(), "0", "5432", "/tmp", "localhost"));
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDir)) {
            assertThat(query(server, "select v from kept")).isEqualTo("7");
        }
    }

    private Process startInChildJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedServerMain.class.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
    }

    static void execute(EmbeddedPostgresServer server, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static String query(EmbeddedPostgresServer server, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
