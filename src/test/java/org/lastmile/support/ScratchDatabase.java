package org.lastmile.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A new, empty database on the same server as the test database, for tests that must not touch the
 * shared one (importing a whole edition would abolish the national table). Dropped on close.
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    private final HikariDataSource main;
    private final HikariDataSource scratch;
    private final String name;

    private ScratchDatabase(HikariDataSource main, String name, String encodingClause) {
        this.main = main;
        this.name = name;
        execute(main, "create database " + name + " template template0 " + encodingClause);
        Matcher m = URL.matcher(main.getJdbcUrl());
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected JDBC URL " + main.getJdbcUrl());
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(m.group(1) + name + m.group(3));
        config.setUsername(main.getUsername());
        config.setPassword(main.getPassword());
        config.setMaximumPoolSize(3);
        this.scratch = new HikariDataSource(config);
    }

    /** A UTF8 database with the application's schema. */
    public static ScratchDatabase migrated(DataSource main) {
        ScratchDatabase db = new ScratchDatabase((HikariDataSource) main, "lastmile_scratch_" + suffix(),
                "encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'");
        Flyway.configure().dataSource(db.scratch).locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** An empty database in the given encoding, without schema. */
    public static ScratchDatabase withEncoding(DataSource main, String encoding) {
        return new ScratchDatabase((HikariDataSource) main, "lastmile_scratch_" + suffix(),
                "encoding '" + encoding + "' lc_collate 'C' lc_ctype 'C'");
    }

    public DataSource dataSource() {
        return scratch;
    }

    @Override
    public void close() {
        scratch.close();
        execute(main, "drop database if exists " + name);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static void execute(DataSource dataSource, String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
