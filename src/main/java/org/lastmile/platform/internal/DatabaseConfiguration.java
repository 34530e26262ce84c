package org.lastmile.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.FileSystemUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The one DataSource: the external server when configured, else the embedded one. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    /** Present only on the embedded default; stops the server after the pool has closed. */
    @Bean(destroyMethod = "close")
    EmbeddedServerHolder embeddedServer(DatabaseProperties properties) {
        if (!properties.embedded()) {
            return new EmbeddedServerHolder(null);
        }
        if (properties.db().cleanEmbedded()) {
            try {
                FileSystemUtils.deleteRecursively(properties.dataDir().resolve("postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new EmbeddedServerHolder(EmbeddedPostgresServer.start(properties.dataDir()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties properties, EmbeddedServerHolder embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("lastmile");
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername(embedded.server().username());
        } else {
            config.setJdbcUrl(properties.db().url());
            config.setUsername(properties.db().user());
            config.setPassword(properties.db().password());
            log.info("Using the external PostgreSQL at {}", properties.db().url());
        }
        config.setMaximumPoolSize(20);
        // Short statements only: PostgreSQL's JIT compiled a name search's plan for 8 ms to save less than that.
        // Statements the driver has prepared (after 5 runs) keep PostgreSQL's generic plans: planning every run cost about
        // 2 ms of a recorded visit. Scopes are written into the SQL (Scope.where) so that their plans still fit the place, and
        // the person search plans each pattern for its value (a province-wide name search took 129 ms instead of 2 ms with
        // a generic plan).
        // A random read priced for solid-state storage (PostgreSQL's default of 4 assumes spinning disks): with it, screening a
        // city probed the household members' index for its 120,000 tags rather than hash all 4.6 million members.
        config.setConnectionInitSql("set jit = off; set random_page_cost = 1.1");
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            requireUtf8AndVersion15(dataSource);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }

    /** Refuses a server whose encoding would corrupt Chinese text or whose version CI never tested. */
    static void requireUtf8AndVersion15(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String encoding;
            int version;
            try (var rs = s.executeQuery("select current_setting('server_encoding'), current_setting('server_version_num')::int")) {
                rs.next();
                encoding = rs.getString(1);
                version = rs.getInt(2);
            }
            if (!"UTF8".equalsIgnoreCase(encoding)) {
                throw new IllegalStateException("The database encoding is " + encoding
                        + "; Lastmile needs a UTF8 database (create it with ENCODING 'UTF8' TEMPLATE template0)");
            }
            if (version < 150000) {
                throw new IllegalStateException("PostgreSQL " + version / 10000 + " is too old; Lastmile needs 15 or newer");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database: " + e.getMessage(), e);
        }
    }

    record EmbeddedServerHolder(EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
