package org.lastmile.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL 15 server: real binaries from {@code io.zonky.test}, data kept in a fixed
 * directory between runs, initialised with UTF8 and the C.UTF-8 locale (under a plain C ctype
 * {@code pg_trgm} ignores Chinese characters).
 *
 * <p>After a {@code kill -9} of the JVM the postgres child lives on, holding {@code postmaster.pid};
 * started naively, the next run would fail or silently talk to that orphan. Before starting we
 * therefore look at {@code postmaster.pid}: a live postmaster of this data directory whose owning
 * JVM is gone (its {@code epg-lock} is free) is shut down first; a live one whose JVM still holds
 * the lock means another Lastmile runs on this directory, and we refuse to start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    static final String DATABASE = "lastmile";
    static final String SUPERUSER = "postgres";
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;
    private final Path pgData;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path pgData) {
        this.postgres = postgres;
        this.pgData = pgData;
    }

    /** Starts the server on {@code dataDir/postgres}, creating and initialising it when new. */
    public static EmbeddedPostgresServer start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath().normalize();
        try {
            Files.createDirectories(pgData);
            boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
            stopOrphanedPostmaster(pgData);
            long started = System.nanoTime();
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    // Spring stops it (the DataSource's holder) after everything that needs the database, even at JVM exit:
                    // a hook of its own would stop it concurrently with the context closing, under its feet.
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres, pgData);
            server.createDatabaseIfMissing();
            log.info("Embedded PostgreSQL {} on port {} with data in {} ({} ms)",
                    fresh ? "initialised and started" : "started", postgres.getPort(), pgData,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl(SUPERUSER, DATABASE);
    }

    public String username() {
        return SUPERUSER;
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return pgData;
    }

    /** The server's own process id, as written in {@code postmaster.pid}. */
    public long postmasterPid() {
        return PostmasterPidFile.read(pgData).map(PostmasterPidFile::pid)
                .orElseThrow(() -> new IllegalStateException("no postmaster.pid in " + pgData));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL failed", e);
        }
    }

    private void createDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (var rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (var create = c.createStatement()) {
                create.execute("create database " + DATABASE
                        + " template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE, e);
        }
    }

    /**
     * Shuts down a postmaster left running by a JVM that died without stopping it. Does nothing when
     * no live postmaster is recorded; refuses when a live JVM still owns the data directory.
     */
    static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(pgData);
        if (pidFile.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pidFile.get().pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(cmd -> cmd.endsWith("/postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            // The process is gone: postgres itself removes the stale lock file and recovers.
            log.info("Found a stale postmaster.pid in {}; PostgreSQL will recover on start", pgData);
            return;
        }
        if (!lockIsFree(pgData.resolve(LOCK_FILE))) {
            throw new IllegalStateException("Another Lastmile process is using the data directory " + pgData
                    + " (its database server is running as process " + pidFile.get().pid() + "). Stop it first.");
        }
        log.warn("Stopping the orphaned PostgreSQL process {} left running on {} by a previous run",
                pidFile.get().pid(), pgData);
        ProcessHandle process = postmaster.get();
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, write a checkpoint.
        new ProcessBuilder(List.of("kill", "-INT", Long.toString(process.pid()))).inheritIO().start();
        try {
            process.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception notYet) {
            log.warn("The orphaned PostgreSQL process {} did not stop in 60 s; killing it", process.pid());
            process.destroyForcibly();
            process.onExit().join();
        }
    }

    private static boolean lockIsFree(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = file.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException heldByThisJvm) {
            return false;
        }
    }

    /** The first lines of PostgreSQL's {@code postmaster.pid}: pid, data directory, start time, port. */
    record PostmasterPidFile(long pid, int port) {

        static Optional<PostmasterPidFile> read(Path pgData) {
            Path file = pgData.resolve("postmaster.pid");
            try {
                if (!Files.exists(file)) {
                    return Optional.empty();
                }
                List<String> lines = Files.readAllLines(file);
                if (lines.size() < 4) {
                    return Optional.empty();
                }
                return Optional.of(new PostmasterPidFile(Long.parseLong(lines.get(0).trim()),
                        Integer.parseInt(lines.get(3).trim())));
            } catch (IOException | NumberFormatException unreadable) {
                return Optional.empty();
            }
        }
    }
}
