package org.lastmile.platform.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The search indexes a dataset's load may go without: dropped before a big load, their definitions kept in
 * {@code platform_dataset_index}, and built again after it. Building an index over a table once is far cheaper
 * than keeping it up row by row (over 4.7 million persons: 81 s to build the ten of them, 150 µs a person to
 * keep them). Whatever a run left dropped (it was interrupted) is built again before the next start migrates the
 * schema (a later migration may change those very indexes), except when that start is a {@code generate-data} run,
 * which decides itself.
 */
@Component
class DatasetIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(DatasetIndexes.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DataSource dataSource;

    DatasetIndexes(JdbcClient jdbc, TransactionTemplate tx, DataSource dataSource) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.dataSource = dataSource;
    }

    /**
     * Whether a load is big enough to drop the indexes: building them again covers the rows already there too, so
     * the load must be at least a quarter of those, and big enough for the difference to matter.
     */
    static boolean worthDropping(long toMake, long made) {
        return toMake >= 100_000 && toMake * 4 >= made;
    }

    /** Drops the named indexes that exist, each recorded first with its definition; returns how many. */
    int drop(List<String> names) {
        int dropped = 0;
        for (String name : names) {
            var definition = jdbc.sql("select indexdef from pg_indexes where schemaname = current_schema() and indexname = ?").param(name)
                    .query(String.class).optional();
            if (definition.isPresent()) {
                tx.executeWithoutResult(status -> {
                    jdbc.sql("insert into platform_dataset_index (name, definition) values (?, ?) on conflict (name) do nothing")
                            .params(name, definition.get()).update();
                    jdbc.sql("drop index " + quoted(name)).update();
                });
                dropped++;
            }
        }
        return dropped;
    }

    /** Builds every index a load dropped; returns how many it built. */
    int restore() {
        try {
            return restore(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("Building the dataset's search indexes again failed: " + e.getMessage(), e);
        }
    }

    /**
     * Each recorded index taken off the record and built, in one transaction: two processes restoring at once take
     * different indexes (the row lock, skipping locked ones), and an index that exists already is only taken off.
     */
    static int restore(DataSource dataSource) throws SQLException {
        int built = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try (Statement statement = connection.createStatement();
                 ResultSet table = statement.executeQuery("select to_regclass('platform_dataset_index') is not null")) {
                if (!table.next() || !table.getBoolean(1)) {
                    return 0;
                }
            }
            connection.setAutoCommit(false);
            try {
                while (true) {
                    String name;
                    String definition;
                    try (Statement statement = connection.createStatement(); ResultSet next = statement.executeQuery("""
                            delete from platform_dataset_index where name = (select name from platform_dataset_index order by dropped_at, name
                             limit 1 for update skip locked) returning name, definition""")) {
                        if (!next.next()) {
                            connection.commit();
                            return built;
                        }
                        name = next.getString(1);
                        definition = next.getString(2);
                    }
                    boolean exists;
                    try (PreparedStatement check = connection.prepareStatement(
                            "select exists (select 1 from pg_indexes where schemaname = current_schema() and indexname = ?)")) {
                        check.setString(1, name);
                        try (ResultSet rs = check.executeQuery()) {
                            exists = rs.next() && rs.getBoolean(1);
                        }
                    }
                    if (!exists) {
                        long started = System.nanoTime();
                        try (Statement statement = connection.createStatement()) {
                            // Sorted in memory rather than in many small runs on disk: this transaction, this index alone.
                            statement.execute("set local maintenance_work_mem = '512MB'");
                            statement.execute(definition);
                        }
                        built++;
                        LOG.info("Built the search index {} again in {} s", name, (System.nanoTime() - started) / 1_000_000_000);
                    }
                    connection.commit();
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private static String quoted(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("not an index name: " + name);
        }
        return "\"" + name + "\"";
    }

    /** Before the schema is migrated, the indexes an interrupted load left dropped are built again. */
    @Configuration(proxyBeanMethods = false)
    static class AtStart {

        @Bean
        FlywayMigrationStrategy restoreDatasetIndexesThenMigrate(@Value("${lastmile.command:}") String command) {
            return flyway -> {
                if (!"generate-data".equals(command)) {
                    try {
                        if (restore(flyway.getConfiguration().getDataSource()) > 0) {
                            LOG.warn("A dataset load had been interrupted with its search indexes dropped: they were built again");
                        }
                    } catch (SQLException e) {
                        throw new IllegalStateException("Building the dataset's search indexes again failed: " + e.getMessage(), e);
                    }
                }
                flyway.migrate();
            };
        }
    }
}
